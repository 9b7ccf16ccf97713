using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Paging.Schedules;

/// <summary>
/// Someone covers a rotation for a while (<c>/incident override</c>). Stored per workspace;
/// within its window it wins over every layer, and the newest of overlapping overrides wins.
/// </summary>
public sealed record OnCallOverride : IDocument
{
    public const string DocumentType = "oncall-override";

    /// <summary>The properties on-call overrides are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath Until = DocumentPath.Of<OnCallOverride>(nameof(OnCallOverride.Until));

        public static readonly DocumentPath RotationId = DocumentPath.Of<OnCallOverride>(nameof(OnCallOverride.RotationId));
    }

    public string Id => IdFor(RotationId, From, User);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string RotationId { get; init; }

    public required UserId User { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset Until { get; init; }

    public required UserId CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public bool Covers(DateTimeOffset at) => From <= at && at < Until;

    /// <summary>The same override typed twice is stored once.</summary>
    public static string IdFor(string rotationId, DateTimeOffset from, UserId user) =>
        string.Create(CultureInfo.InvariantCulture, $"override-{rotationId}-{from.ToUnixTimeSeconds()}-{user.Value}");
}
