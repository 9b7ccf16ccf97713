using IncidentBot.Dialogs.Intake;

namespace IncidentBot.Intake;

/// <summary>The answer to a report (202 stored, 200 a repeat): the same body both times.</summary>
public sealed record IntakeReportAnswer(string ReportId, int Incident, bool Merged, string Language, double LanguageConfidence)
{
    internal static IntakeReportAnswer Of(IntakeOutcome outcome) =>
        new(outcome.ReportId, outcome.IncidentNumber, outcome.IsMerged, outcome.Language, outcome.LanguageConfidence);
}
