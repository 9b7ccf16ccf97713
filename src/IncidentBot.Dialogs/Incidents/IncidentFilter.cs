namespace IncidentBot.Dialogs.Incidents;

/// <summary>What to list; every field narrows the list. Newest first.</summary>
public sealed record IncidentFilter
{
    public bool OpenOnly { get; init; }

    public IncidentStatus? Status { get; init; }

    public Severity? Severity { get; init; }

    public IncidentSource? Source { get; init; }

    public string? Market { get; init; }

    public string? Language { get; init; }

    public int Limit { get; init; } = 50;
}
