namespace IncidentBot.Intake;

/// <summary>A page of an incident's reports; <see cref="Next"/> goes in <c>?after=</c> for the next page (null at the end).</summary>
public sealed record ReportPage(IReadOnlyList<ReportView> Reports, int? Next);
