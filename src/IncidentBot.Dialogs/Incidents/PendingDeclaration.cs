using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// A declaration as the person made it, kept while the store cannot take it. Its delivery key
/// makes storing it idempotent: however often it is retried, it declares one incident.
/// </summary>
public sealed record PendingDeclaration
{
    public required string WorkspaceId { get; init; }

    public required PlatformId Platform { get; init; }

    public required UserId Reporter { get; init; }

    public required IncidentDraft Draft { get; init; }

    /// <summary>The delivery (Slack trigger, modal view) or, without one, a key made when it was first tried.</summary>
    public required string DeliveryKey { get; init; }

    /// <summary>When the person declared it: the incident's clock starts here, not when the store took it.</summary>
    public required DateTimeOffset DeclaredAt { get; init; }

    /// <summary>Where the person hears the number if it is stored after they were answered (Slack's <c>response_url</c>).</summary>
    public string? ReplyAddress { get; init; }
}
