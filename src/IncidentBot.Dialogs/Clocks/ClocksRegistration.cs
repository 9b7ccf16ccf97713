using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.Clocks;

public static class ClocksRegistration
{
    /// <summary>Regulatory clocks: started on declare by the auto-start rules or by hand, alerted before and at the deadline.</summary>
    public static IServiceCollection AddClocks(this IServiceCollection services)
    {
        services.AddReminders();
        services.AddSingleton<IIncidentWorkPlanner, ClockWorkPlanner>();
        services.AddSingleton<ClockStore>();
        services.AddSingleton<ClockKeeper>();
        services.AddSingleton<IWorkHandler, ClockAlertWork>();
        services.AddSingleton<IWorkHandler, ClockAutoStartWork>();
        services.AddSingleton<IIncidentSummarySection, ClockSummarySection>();
        services.AddSingleton<ICommandSyntax, ClockSyntax>();
        services.AddSingleton<ICommandHandler, ClockHandler>();
        return services;
    }
}
