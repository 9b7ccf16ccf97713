namespace IncidentBot.Dialogs.Intake;

/// <summary>What a report did: the answer a repeat of it gets again, word for word.</summary>
/// <param name="Language">The given or detected language, or <c>unknown</c>.</param>
public sealed record IntakeOutcome(string ReportId, int IncidentNumber, bool IsMerged, string Language, double LanguageConfidence, bool IsRepeat)
{
    public static IntakeOutcome Of(StoredReport report, bool isRepeat)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.Id, report.IncidentNumber, report.IsMerged, report.Language ?? Languages.LanguageGuess.Unknown,
            Math.Round(report.LanguageConfidence, 3), isRepeat);
    }
}
