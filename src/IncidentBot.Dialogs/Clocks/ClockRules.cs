using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// The clocks a deployment knows, when they warn, and which start on declare. The built-in
/// default carries the real regimes (see <c>deploy/policies.example.yaml</c>, which must say the same).
/// </summary>
public sealed record ClockRules
{
    public static readonly IReadOnlyList<double> DefaultWarningPoints = [0.5, 0.75, 0.9];

    /// <summary>The shortest and longest window a clock may have.</summary>
    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

    /// <summary>Fractions of the window, ascending, each in (0, 1).</summary>
    public IReadOnlyList<double> WarningPoints { get; init; } = DefaultWarningPoints;

    public IReadOnlyDictionary<string, ClockDefinition> Definitions { get; init; } = new Dictionary<string, ClockDefinition>();

    public IReadOnlyList<ClockAutoStartRule> AutoStart { get; init; } = [];

    public ClockDefinition? Find(string name) => Definitions.GetValueOrDefault(name);

    public IReadOnlyList<double> WarningPointsOf(string name) => Find(name)?.WarningPoints ?? WarningPoints;

    /// <summary>
    /// Whether some auto-start rule admits the incident's source. The source is fixed at declaration,
    /// while severity and markets may change before the starter runs, so only the source decides
    /// that no clock can start and the starter need not run at all.
    /// </summary>
    public bool MayStartOnDeclare(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return AutoStart.Any(rule => rule.Sources.Count == 0 || rule.Sources.Contains(incident.Source));
    }

    /// <summary>The clocks to start for a new incident, each once, in the order the rules list them.</summary>
    public IEnumerable<ClockDefinition> ToStartOnDeclare(Incident incident) =>
        AutoStart.Where(rule => rule.Matches(incident))
            .SelectMany(rule => rule.Clocks)
            .Distinct(StringComparer.Ordinal)
            .Select(Find)
            .OfType<ClockDefinition>();

    public static ClockRules Default { get; } = new()
    {
        Definitions = new ClockDefinition[]
        {
            new()
            {
                Name = "eu-tco-removal", Title = "EU terrorist content removal order", Window = TimeSpan.FromHours(1), IsPausable = true,
                Reference = "Regulation (EU) 2021/784 Art. 3(3): within one hour of receipt; paused while the order is unclear or cannot be complied with, Art. 3(7)-(8)",
            },
            new()
            {
                Name = "in-takedown-order", Title = "India court order or government notice", Window = TimeSpan.FromHours(3),
                Reference = "IT (Intermediary Guidelines) Amendment Rules 2026, G.S.R. 120(E), r.3(1)(d)",
            },
            new()
            {
                Name = "in-ncii-complaint", Title = "India complaint about non-consensual intimate imagery", Window = TimeSpan.FromHours(2),
                Reference = "IT (Intermediary Guidelines) Amendment Rules 2026, G.S.R. 120(E), r.3(2)(b)",
            },
            new()
            {
                Name = "au-esafety-removal", Title = "Australia eSafety Commissioner removal notice", Window = TimeSpan.FromHours(24),
                Reference = "Online Safety Act 2021 (Cth) ss. 65, 77, 88, 109: 24 hours or longer if the Commissioner allows",
            },
            new()
            {
                Name = "de-netzdg-manifest", Title = "Germany NetzDG complaint, manifestly unlawful content", Window = TimeSpan.FromHours(24),
                Reference = "NetzDG s. 3(2) no. 2",
            },
            new()
            {
                Name = "de-netzdg-other", Title = "Germany NetzDG complaint, other unlawful content", Window = TimeSpan.FromDays(7),
                Reference = "NetzDG s. 3(2) no. 3",
            },
            new()
            {
                Name = "partner-response", Title = "Respond to a trusted partner", Window = TimeSpan.FromHours(24), IsPausable = true,
                Reference = "Partner escalation agreement",
            },
            new()
            {
                Name = "regulator-ack", Title = "Acknowledge a regulator's order", Window = TimeSpan.FromMinutes(15),
                Reference = "Internal target",
            },
        }.ToDictionary(d => d.Name, StringComparer.Ordinal),
        AutoStart =
        [
            new() { Sources = new HashSet<IncidentSource> { IncidentSource.Regulator }, Severities = new HashSet<Severity> { Severity.Sev1, Severity.Sev2 }, Clocks = ["regulator-ack"] },
            new() { Sources = new HashSet<IncidentSource> { IncidentSource.Regulator }, Markets = new HashSet<string>(StringComparer.Ordinal) { "IN" }, Clocks = ["in-takedown-order"] },
            new() { Sources = new HashSet<IncidentSource> { IncidentSource.Regulator }, Markets = new HashSet<string>(StringComparer.Ordinal) { "AU" }, Clocks = ["au-esafety-removal"] },
            new() { Sources = new HashSet<IncidentSource> { IncidentSource.Partner }, Clocks = ["partner-response"] },
        ],
    };
}
