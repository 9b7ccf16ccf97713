using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Teams.Conversations;

/// <summary>
/// A posted message that carries buttons, as last sent. An <c>Action.Execute</c> invoke names the
/// message but not its content, and Teams replaces the card with whatever the bot answers, so the
/// answer is this message re-rendered with the outcome of the press.
/// </summary>
public sealed record TeamsCardRecord : IExpiringDocument
{
    public const string DocumentType = "teams-card";

    public string Id => IdFor(ConversationId, ActivityId);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string ConversationId { get; init; }

    public required string ActivityId { get; init; }

    public required ChatMessage Message { get; init; }

    [JsonIgnore]
    public TimeSpan ExpiresAfter => TimeSpan.FromDays(90);

    public static string IdFor(string conversationId, string activityId) => "teams-card-" + TeamsIds.Hash(conversationId + "|" + activityId);
}
