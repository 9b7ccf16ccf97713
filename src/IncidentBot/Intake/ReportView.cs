using IncidentBot.Dialogs.Intake;

namespace IncidentBot.Intake;

/// <summary>
/// A stored report as the API shows it. Of a restricted incident's reports only the facts remain
/// (source, times, market, language, what it did): no title, text, URLs, reporter or attachments.
/// </summary>
public sealed record ReportView(
    string Id,
    int Sequence,
    string Source,
    string ExternalId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset StoredAt,
    string? Title,
    string? Text,
    IReadOnlyList<string>? Urls,
    string? Market,
    string? Language,
    double LanguageConfidence,
    bool LanguageDetected,
    string? SuggestedSeverity,
    string? TrendKey,
    ReportReporter? Reporter,
    bool Trusted,
    RegulatorOrder? Order,
    IReadOnlyList<ReportAttachment>? Attachments,
    int Incident,
    bool Merged)
{
    public static ReportView Of(StoredReport report, bool isRestricted)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.Id,
            report.Sequence,
            report.Source,
            report.ExternalId,
            report.ReceivedAt,
            report.StoredAt,
            isRestricted ? null : report.Title,
            isRestricted ? null : report.Text,
            isRestricted ? null : report.Urls,
            report.Market,
            report.Language,
            report.LanguageConfidence,
            report.IsLanguageDetected,
            report.SuggestedSeverity?.ToString().ToLowerInvariant(),
            isRestricted ? null : report.TrendKey,
            isRestricted ? null : report.Reporter,
            report.IsTrusted,
            isRestricted ? null : report.Order,
            isRestricted ? null : report.Attachments,
            report.IncidentNumber,
            report.IsMerged);
    }
}
