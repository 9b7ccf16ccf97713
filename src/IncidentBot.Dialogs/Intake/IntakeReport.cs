using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Intake;

/// <summary>A report as it arrived, already validated: from the intake API, an e-mail or a partner channel.</summary>
public sealed record IntakeReport
{
    /// <summary>Decided by the key the caller used, never by the report itself.</summary>
    public required IncidentSource Source { get; init; }

    /// <summary>Unique per source: a repeat is the same report.</summary>
    public required string ExternalId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public string? Title { get; init; }

    public string? Text { get; init; }

    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string? Market { get; init; }

    /// <summary>ISO 639, lower case; detected from the text when absent.</summary>
    public string? Language { get; init; }

    /// <summary>The source's suggestion; the intake rules have the last word.</summary>
    public Severity? Severity { get; init; }

    /// <summary>A grouping key (a hashtag, a campaign id) shared by reports of one trend.</summary>
    public string? TrendKey { get; init; }

    public ReportReporter? Reporter { get; init; }

    public RegulatorOrder? Order { get; init; }

    public IReadOnlyList<ReportAttachment> Attachments { get; init; } = [];

    public ReportOrigin? Origin { get; init; }
}
