using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.PostMortems;

public static class PostMortemsRegistration
{
    /// <summary>Post-mortems: drafted on resolve, reminded until written, uploaded to the channel.</summary>
    public static IServiceCollection AddPostMortems(this IServiceCollection services)
    {
        services.AddReminders();
        services.AddSingleton<IIncidentWorkPlanner, PostMortemWorkPlanner>();
        services.AddSingleton<PostMortemDrafter>();
        services.AddSingleton<IWorkHandler, PostMortemReminderWork>();
        services.AddSingleton<IWorkHandler, PostMortemUploadWork>();
        services.AddSingleton<ICommandSyntax, PostMortemSyntax>();
        services.AddSingleton<ICommandHandler, PostMortemHandler>();
        return services;
    }
}
