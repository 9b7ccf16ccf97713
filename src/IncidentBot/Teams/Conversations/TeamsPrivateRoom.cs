using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Teams.Conversations;

/// <summary>
/// The "channel" of a restricted incident. A Teams bot cannot create a private channel, and a
/// thread in the shared incidents channel is visible to the whole team, so a restricted incident
/// lives in the personal chats of its members: posting to the room sends a copy to each member.
/// </summary>
public sealed record TeamsPrivateRoom : IDocument
{
    public const string DocumentType = "teams-room";

    /// <summary>Room ids stand where channel ids stand; this prefix tells them apart.</summary>
    public const string IdPrefix = "restricted:";

    public string Id => IdFor(RoomId);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string RoomId { get; init; }

    public required string Name { get; init; }

    /// <summary>AAD object ids of the members.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    public static bool IsRoom(string channelId) => channelId.StartsWith(IdPrefix, StringComparison.Ordinal);

    public static string IdFor(string roomId) => "teams-room-" + TeamsIds.Hash(roomId);
}
