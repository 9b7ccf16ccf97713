using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Slack;
using Microsoft.Extensions.Options;

namespace IncidentBot.Intake;

/// <summary>
/// The workspace and platform whose incidents API and e-mail reports become: <c>Intake:WorkspaceId</c>,
/// on <c>Intake:Platform</c>, else the platform that workspace is known on, else Slack when it is
/// configured, else Teams.
/// </summary>
internal sealed class IntakeTarget(IOptionsMonitor<IntakeOptions> options, IOptions<SlackOptions> slack, IDocumentStore documents)
{
    private string? _known;

    public WorkspaceId Workspace => new(options.CurrentValue.WorkspaceId);

    public async Task<string> PlatformAsync(CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Platform is { Length: > 0 } configured)
            return configured;
        if (_known is { } known)
            return known;
        var registered = await documents.ReadAsync<KnownWorkspace>(KnownWorkspace.RegistryPartition, options.CurrentValue.WorkspaceId, cancellationToken);
        return _known = registered?.Value.Platform.Value ?? (slack.Value.IsConfigured ? SlackChatPlatform.PlatformName : Teams.TeamsChatPlatform.PlatformName);
    }
}
