namespace IncidentBot.Intake;

/// <summary>One report of a batch: its position, the status it would have had alone, and that answer's body.</summary>
public sealed record IntakeBatchItemAnswer(int Index, int Status)
{
    public string? ReportId { get; init; }

    public int? Incident { get; init; }

    public bool? Merged { get; init; }

    public string? Language { get; init; }

    public double? LanguageConfidence { get; init; }

    /// <summary>For a 400: each bad field and what is wrong with it.</summary>
    public IDictionary<string, string[]>? Errors { get; init; }

    public string? Detail { get; init; }
}
