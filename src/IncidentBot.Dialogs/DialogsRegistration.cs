using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Buttons;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Commands.Lifecycle;
using IncidentBot.Dialogs.Commands.Queries;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Retention;
using IncidentBot.Dialogs.StatusUpdates;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Telemetry;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Dialogs;

public static class DialogsRegistration
{
    /// <summary>
    /// The incident logic. The host adds the ports: <c>IDocumentStore</c>, <c>IJobScheduler</c>,
    /// at least one <see cref="IChatPlatform"/>, and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddIncidentDialogs(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IncidentMetrics>();
        services.AddSingleton<DocumentWriter>();
        services.AddSingleton<ClaimedSend>();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IncidentFollowUps>();
        services.AddSingleton<IncidentDeclarer>();
        services.AddSingleton<IncidentChanges>();
        services.AddSingleton<IncidentLocator>();
        services.AddSingleton<TimelineCapture>();
        services.AddSingleton<IncidentSummaryBuilder>();
        services.AddSingleton<ChatPlatforms>();
        services.AddSingleton<UserDirectory>();

        services.AddSingleton<WorkQueue>();
        services.TryAddSingleton(WorkRetries.Default);
        services.AddSingleton<WorkDispatcher>();
        services.AddSingleton<WorkReconciler>();
        services.AddSingleton<WorkspaceRegistry>();
        services.AddSingleton<IWorkHandler, ChannelSyncWork>();
        services.AddSingleton<IWorkHandler, TimelineCaptureWork>();
        services.AddSingleton<IWorkHandler, OutgoingMessageWork>();
        services.AddSingleton<DeliveryLedger>();
        services.AddSingleton<Outbox>();
        services.TryAddSingleton<IPersonPager, DirectMessagePersonPager>();

        services.AddSingleton<CommandParser>();
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<ActionDispatcher>();
        services.AddSingleton<IActionHandler, JoinIncidentAction>();

        services.AddSingleton<ICommandSyntax, DeclareSyntax>();
        services.AddSingleton<ICommandSyntax, HelpSyntax>();
        services.AddSingleton<ICommandSyntax, ListSyntax>();
        services.AddSingleton<ICommandSyntax, ShowSyntax>();
        services.AddSingleton<ICommandSyntax, StatusSyntax>();
        services.AddSingleton<ICommandSyntax, SeveritySyntax>();
        services.AddSingleton<ICommandSyntax>(new RoleSyntax(IncidentRole.Lead, 22));
        services.AddSingleton<ICommandSyntax>(new RoleSyntax(IncidentRole.Comms, 23));
        services.AddSingleton<ICommandSyntax>(new RoleSyntax(IncidentRole.Scribe, 24));
        services.AddSingleton<ICommandSyntax, UpdateSyntax>();
        services.AddSingleton<ICommandSyntax, NoteSyntax>();
        services.AddSingleton<ICommandSyntax, ResolveSyntax>();
        services.AddSingleton<ICommandSyntax, CloseSyntax>();
        services.AddSingleton<ICommandSyntax, ReopenSyntax>();
        services.AddSingleton<ICommandSyntax, CancelSyntax>();

        services.AddSingleton<ICommandHandler, DeclareHandler>();
        services.AddSingleton<ICommandHandler, HelpHandler>();
        services.AddSingleton<ICommandHandler, ListHandler>();
        services.AddSingleton<ICommandHandler, ShowHandler>();
        services.AddSingleton<ICommandHandler, IncidentChangeHandler>();

        services.AddEvidence();
        services.AddClocks().AddStatusUpdates().AddPostMortems().AddActionItems();
        services.AddIntake();

        services.AddRetention();
        return services.AddPaging();
    }
}
