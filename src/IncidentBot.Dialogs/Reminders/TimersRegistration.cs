using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Policies;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Dialogs.Reminders;

public static class TimersRegistration
{
    /// <summary>
    /// Clocks, status-update reminders, post-mortems and action items. The policies default to the
    /// built-in ones; the host replaces them with the policy file's.
    /// </summary>
    public static IServiceCollection AddIncidentTimers(this IServiceCollection services)
    {
        services.TryAddSingleton(IncidentPolicies.Default);
        services.AddSingleton<ReminderDelivery>();
        services.AddSingleton<IIncidentWorkPlanner, IncidentTimerRequests>();

        services.AddSingleton<ClockStore>();
        services.AddSingleton<ClockKeeper>();
        services.AddSingleton<IWorkHandler, ClockAlerts>();
        services.AddSingleton<IWorkHandler, ClockAutoStarter>();
        services.AddSingleton<IIncidentSummarySection, ClockSummarySection>();
        services.AddSingleton<ICommandSyntax, ClockSyntax>();
        services.AddSingleton<ICommandHandler, ClockHandler>();

        services.AddSingleton<IWorkHandler, StatusUpdateReminders>();

        services.AddSingleton<PostMortemDrafter>();
        services.AddSingleton<IWorkHandler, PostMortemReminders>();
        services.AddSingleton<IWorkHandler, PostMortemUpload>();
        services.AddSingleton<ICommandSyntax, PostMortemSyntax>();
        services.AddSingleton<ICommandHandler, PostMortemHandler>();

        services.AddSingleton<ActionItemStore>();
        services.AddSingleton<IWorkHandler, ActionItemReminders>();
        services.AddSingleton<ICommandSyntax, ActionSyntax>();
        services.AddSingleton<ICommandHandler, ActionHandler>();
        services.AddSingleton<ICommandSyntax, MineSyntax>();
        services.AddSingleton<ICommandHandler, MineHandler>();
        return services;
    }
}
