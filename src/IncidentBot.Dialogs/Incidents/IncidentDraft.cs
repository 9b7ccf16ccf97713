namespace IncidentBot.Dialogs.Incidents;

/// <summary>Everything a declaration says, validated, before it has a number.</summary>
public sealed record IncidentDraft
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public Severity Severity { get; init; } = Severity.Sev3;

    public IncidentSource Source { get; init; } = IncidentSource.Internal;

    public IReadOnlyList<string> Markets { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public bool IsRestricted { get; init; }

    public string? OriginMessageLink { get; init; }

    public ChannelId? OriginChannel { get; init; }
}
