using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// A chart someone asked for with <c>stats</c>, waiting for a job to draw and share it (drawing and
/// uploading take longer than a chat platform waits for the command's answer). Posting it is this
/// document's one "reminder", so it is shared once however often its job runs. Gone after a day.
/// </summary>
public sealed record TrendChartRequest : IRemindable<TrendChartRequest>, IExpiringDocument
{
    public const string DocumentType = "trend-chart";

    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required PlatformId Platform { get; init; }

    public required ChannelId Channel { get; init; }

    public required UserId RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required TrendCut Cut { get; init; }

    public required int Days { get; init; }

    public IReadOnlyList<SentReminder> Deliveries { get; init; } = [];

    [JsonIgnore]
    public TimeSpan ExpiresAfter => TimeSpan.FromDays(1);

    public PlannedReminder Post => new("post", RequestedAt);

    public TrendChartRequest WithDeliveries(IReadOnlyList<SentReminder> deliveries) => this with { Deliveries = deliveries };
}
