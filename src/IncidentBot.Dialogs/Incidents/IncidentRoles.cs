namespace IncidentBot.Dialogs.Incidents;

/// <summary>Who holds each incident role; empty until someone is assigned.</summary>
public sealed record IncidentRoles
{
    public UserId? Lead { get; init; }

    public UserId? Comms { get; init; }

    public UserId? Scribe { get; init; }

    public UserId? Get(IncidentRole role) => role switch
    {
        IncidentRole.Lead => Lead,
        IncidentRole.Comms => Comms,
        IncidentRole.Scribe => Scribe,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public IncidentRoles With(IncidentRole role, UserId user) => role switch
    {
        IncidentRole.Lead => this with { Lead = user },
        IncidentRole.Comms => this with { Comms = user },
        IncidentRole.Scribe => this with { Scribe = user },
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public IEnumerable<UserId> Holders()
    {
        if (Lead is { } lead)
            yield return lead;
        if (Comms is { } comms)
            yield return comms;
        if (Scribe is { } scribe)
            yield return scribe;
    }
}
