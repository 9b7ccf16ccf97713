using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Teams.Conversations;

/// <summary>What the bot knows about a tenant's Bot Connector: its service URL and the bot's own id there.</summary>
public sealed record TeamsTenant : IDocument
{
    public const string DocumentType = "teams-tenant";
    public const string DocumentId = "teams-tenant";

    public string Id => DocumentId;

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string ServiceUrl { get; init; }

    /// <summary>The bot's Teams id (<c>28:&lt;app id&gt;</c>), as activities address it.</summary>
    public required string BotId { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
