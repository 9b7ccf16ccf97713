using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Teams.Conversations;

/// <summary>One message posted to a <see cref="TeamsPrivateRoom"/>: the copy each member got, so an update reaches them all.</summary>
public sealed record TeamsFanOut : IExpiringDocument
{
    public const string DocumentType = "teams-fanout";

    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string RoomId { get; init; }

    public IReadOnlyList<TeamsFanOutCopy> Copies { get; init; } = [];

    [JsonIgnore]
    public TimeSpan ExpiresAfter => TimeSpan.FromDays(180);
}
