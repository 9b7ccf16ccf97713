using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// A message waiting to be sent by a job: answers to events and button presses that must
/// not be sent on the request thread. Stored first, so a crash before sending loses nothing.
/// </summary>
public sealed record OutgoingMessage : IExpiringDocument
{
    public const string DocumentType = "outgoing";

    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required PlatformId Platform { get; init; }

    /// <summary>The conversation to post in; null with <see cref="User"/> set means a direct message.</summary>
    public ChannelId? Channel { get; init; }

    /// <summary>With a channel: only this person sees it (ephemeral). Without: a direct message to them.</summary>
    public UserId? User { get; init; }

    /// <summary>A platform reply address (Slack <c>response_url</c>) tried first; the channel/person is the fallback.</summary>
    public string? ReplyAddress { get; init; }

    /// <summary>Sent to <see cref="ReplyAddress"/>, it replaces the answer the person already had.</summary>
    public bool ReplacesAnswer { get; init; }

    public required ChatMessage Message { get; init; }

    /// <summary>Set by the run that is sending it, so a concurrent run does not send it too.</summary>
    public DateTimeOffset? SendingSince { get; init; }

    [JsonIgnore]
    public TimeSpan ExpiresAfter => TimeSpan.FromDays(1);
}
