using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.StepDialogs;

/// <summary>
/// Where a multi-turn conversation stands, for one person in one conversation: which dialog,
/// which step, what was said so far. Stored (never in memory), so the next message may reach
/// any instance; it expires on its own if the person walks away.
/// </summary>
public sealed record StepDialogState : IExpiringDocument
{
    public const string DocumentType = "teams-dialog";

    public string Id => IdFor(ConversationId, User);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string ConversationId { get; init; }

    public required string User { get; init; }

    public required string Dialog { get; init; }

    public required string Step { get; init; }

    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The store removes it a day after it expired; until then an answer gets "that question expired".</summary>
    [JsonIgnore]
    public TimeSpan ExpiresAfter => TimeSpan.FromDays(1);

    // The type and id prefix say "teams" because Teams was the first platform to use them; stored documents keep them.
    public static string IdFor(string conversationId, string user) =>
        "teams-dialog-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId + "|" + user)))[..32].ToLowerInvariant();
}
