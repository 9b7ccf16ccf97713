using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.StatusUpdates;

public static class StatusUpdatesRegistration
{
    /// <summary>Reminders to post a status update, at a cadence that follows severity and status.</summary>
    public static IServiceCollection AddStatusUpdates(this IServiceCollection services)
    {
        services.AddReminders();
        services.AddSingleton<IIncidentWorkPlanner, StatusUpdateWorkPlanner>();
        services.AddSingleton<IWorkHandler, StatusUpdateReminderWork>();
        return services;
    }
}
