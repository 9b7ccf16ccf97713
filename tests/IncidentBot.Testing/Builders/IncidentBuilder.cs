using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Testing.Builders;

/// <summary>
/// An incident with sensible defaults (INC-42 in T0WORKSPACE, SEV3, declared, public, Slack) that
/// tests change only where it matters to them. <see cref="WithStatus"/> also fills in the
/// timestamps the lifecycle would have set on the way to that status, so the incident is
/// one the state machine could really have produced.
/// </summary>
public sealed class IncidentBuilder
{
    public static readonly DateTimeOffset DefaultDeclaredAt = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly UserId DefaultReporter = new("U0REPORTER");

    private Incident _incident = new()
    {
        WorkspaceId = "T0WORKSPACE",
        Platform = PlatformId.Slack,
        Number = 42,
        Title = "Harmful challenge spreading among teenagers",
        Severity = Severity.Sev3,
        Status = IncidentStatus.Declared,
        Source = IncidentSource.Internal,
        Reporter = DefaultReporter,
        DeclaredAt = DefaultDeclaredAt,
        UpdatedAt = DefaultDeclaredAt,
        Version = 1,
    };

    public IncidentBuilder InWorkspace(string workspaceId) => Change(i => i with { WorkspaceId = workspaceId });

    public IncidentBuilder OnPlatform(PlatformId platform) => Change(i => i with { Platform = platform });

    public IncidentBuilder WithNumber(int number) => Change(i => i with { Number = number });

    public IncidentBuilder WithTitle(string title) => Change(i => i with { Title = title });

    public IncidentBuilder WithDescription(string? description) => Change(i => i with { Description = description });

    public IncidentBuilder WithSeverity(Severity severity) => Change(i => i with { Severity = severity });

    public IncidentBuilder WithSource(IncidentSource source) => Change(i => i with { Source = source });

    public IncidentBuilder WithMarkets(params string[] markets) => Change(i => i with { Markets = markets });

    public IncidentBuilder WithLanguages(params string[] languages) => Change(i => i with { Languages = languages });

    public IncidentBuilder Restricted() => Change(i => i with { IsRestricted = true });

    public IncidentBuilder WithReporter(UserId reporter) => Change(i => i with { Reporter = reporter });

    public IncidentBuilder WithRoles(UserId? lead = null, UserId? comms = null, UserId? scribe = null) =>
        Change(i => i with { Roles = new IncidentRoles { Lead = lead, Comms = comms, Scribe = scribe } });

    public IncidentBuilder WithParticipants(params UserId[] participants) => Change(i => i with { Participants = participants });

    public IncidentBuilder WithChannel(ChannelId channel) => Change(i => i with { Channel = channel });

    public IncidentBuilder WithOriginMessageLink(string link) => Change(i => i with { OriginMessageLink = link });

    public IncidentBuilder WithResolutionSummary(string summary) => Change(i => i with { ResolutionSummary = summary });

    public IncidentBuilder WithVersion(int version) => Change(i => i with { Version = version });

    /// <summary>
    /// Declared (and last updated) at this moment; the lifecycle times of <see cref="WithStatus"/> move
    /// with it, whichever of the two is called first.
    /// </summary>
    public IncidentBuilder DeclaredAt(DateTimeOffset at) =>
        Change(i => i with { DeclaredAt = at, UpdatedAt = at }).WithStatus(_incident.Status);

    /// <summary>Acknowledged at this moment instead of the hour after the declaration <see cref="WithStatus"/> gives.</summary>
    public IncidentBuilder AcknowledgedAt(DateTimeOffset at) => Change(i => i with { AcknowledgedAt = at });

    public IncidentBuilder UpdatedAt(DateTimeOffset at) => Change(i => i with { UpdatedAt = at });

    /// <summary>
    /// The status, with the timestamps of the way there: each step one hour after the last,
    /// starting from the declaration (acknowledged +1h, mitigated +2h, resolved +3h, closed +4h).
    /// </summary>
    public IncidentBuilder WithStatus(IncidentStatus status) => Change(i =>
    {
        var declared = i.DeclaredAt;
        DateTimeOffset Step(int hours) => declared.AddHours(hours);
        var next = status switch
        {
            IncidentStatus.Declared => i,
            IncidentStatus.Investigating => i with { AcknowledgedAt = Step(1) },
            IncidentStatus.Mitigated => i with { AcknowledgedAt = Step(1), MitigatedAt = Step(2) },
            IncidentStatus.Resolved => i with { AcknowledgedAt = Step(1), MitigatedAt = Step(2), ResolvedAt = Step(3) },
            IncidentStatus.Closed => i with { AcknowledgedAt = Step(1), MitigatedAt = Step(2), ResolvedAt = Step(3), ClosedAt = Step(4) },
            IncidentStatus.Cancelled => i with { AcknowledgedAt = Step(1), CancelledAt = Step(2) },
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };
        var updated = new[] { next.DeclaredAt, next.AcknowledgedAt, next.MitigatedAt, next.ResolvedAt, next.ClosedAt, next.CancelledAt }
            .Max(t => t ?? DateTimeOffset.MinValue);
        return next with { Status = status, UpdatedAt = updated };
    });

    public Incident Build() => _incident;

    public static implicit operator Incident(IncidentBuilder builder) => builder.Build();

    private IncidentBuilder Change(Func<Incident, Incident> change)
    {
        _incident = change(_incident);
        return this;
    }
}
