using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Teams.Conversations;

/// <summary>
/// How to reach one person in Teams, per tenant: the Teams user id (<c>29:…</c>) mentions and
/// new chats need, the personal chat with the bot once there is one (the conversation reference
/// for proactive messages), and what their client told us (name for mentions, time zone).
/// Captured from installs and from every activity they send; the store, not memory, holds it.
/// </summary>
public sealed record TeamsPerson : IDocument
{
    public const string DocumentType = "teams-person";

    /// <summary>The properties Teams people are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath TeamsUserId = DocumentPath.Of<TeamsPerson>(nameof(TeamsPerson.TeamsUserId));

        public static readonly DocumentPath Email = DocumentPath.Of<TeamsPerson>(nameof(TeamsPerson.Email));
    }

    public string Id => IdFor(AadObjectId);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    /// <summary>The AAD object id: what <c>UserId</c> holds for Teams users.</summary>
    public required string AadObjectId { get; init; }

    public required string TeamsUserId { get; init; }

    public string? Name { get; init; }

    /// <summary>Lower case, from the roster; rotations name people by e-mail.</summary>
    public string? Email { get; init; }

    /// <summary>IANA zone from the client's <c>localTimezone</c>.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The 1:1 conversation with the bot (<c>a:…</c>), the target of pages and reminders.</summary>
    public string? PersonalConversationId { get; init; }

    /// <summary>The Bot Connector to use for this person (the <c>serviceUrl</c> of their last activity).</summary>
    public required string ServiceUrl { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public static string IdFor(string aadObjectId) => "teams-person-" + aadObjectId;
}
