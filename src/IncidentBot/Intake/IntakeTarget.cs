using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
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
    private PlatformId? _known;

    public WorkspaceId Workspace => new(options.CurrentValue.WorkspaceId);

    public async Task<PlatformId> PlatformAsync(CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Platform is { Length: > 0 } configured)
            return PlatformId.From(configured);
        if (_known is { } known)
            return known;
        var registered = await documents.ReadAsync<KnownWorkspace>(KnownWorkspace.RegistryPartition, options.CurrentValue.WorkspaceId, cancellationToken);
        _known = registered?.Value.Platform ?? (slack.Value.IsConfigured ? PlatformId.Slack : PlatformId.Teams);
        return _known.Value;
    }
}
