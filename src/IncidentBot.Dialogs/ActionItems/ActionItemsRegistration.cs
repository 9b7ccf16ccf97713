using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.ActionItems;

public static class ActionItemsRegistration
{
    /// <summary>Follow-up tasks from a post-mortem, their owners' reminders and <c>/incident mine</c>.</summary>
    public static IServiceCollection AddActionItems(this IServiceCollection services)
    {
        services.AddReminders();
        services.AddSingleton<ActionItemStore>();
        services.AddSingleton<IWorkHandler, ActionItemReminderWork>();
        services.AddSingleton<ICommandSyntax, ActionSyntax>();
        services.AddSingleton<ICommandHandler, ActionHandler>();
        services.AddSingleton<ICommandSyntax, MineSyntax>();
        services.AddSingleton<ICommandHandler, MineHandler>();
        return services;
    }
}
