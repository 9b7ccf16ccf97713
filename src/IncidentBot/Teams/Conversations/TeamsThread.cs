using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Teams.Conversations;

/// <summary>An incident thread the bot started in a channel, by conversation id, with the name it shows.</summary>
public sealed record TeamsThread : IDocument
{
    public const string DocumentType = "teams-thread";

    public string Id => IdFor(ConversationId);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string ConversationId { get; init; }

    public required string Name { get; init; }

    public static string IdFor(string conversationId) => "teams-thread-" + TeamsIds.Hash(conversationId);
}
