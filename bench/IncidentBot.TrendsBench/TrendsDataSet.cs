using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.TrendsBench;

/// <summary>
/// A deterministic year of one workspace: incidents spread evenly over 365 days, each with ten
/// timeline events (declared, lead, notes, changes, resolved), one page to one to three people,
/// and for regulator and partner incidents a clock; 2 % still open.
/// </summary>
internal static class TrendsDataSet
{
    public const string Workspace = "T0TRENDSBENCH";

    public static readonly DateTimeOffset End = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Start = End.AddDays(-365);

    private static readonly string[] Markets = ["IN", "NP", "BD", "PK", "AU", "DE", "GB", "US", "BR", "ID"];
    private static readonly string[] Languages = ["hi", "ne", "bn", "ur", "en", "de", "bho", "pt", "id", "ta"];
    private static readonly string[] Clocks = ["in-takedown-order", "au-esafety-removal", "de-netzdg-manifest", "partner-response", "regulator-ack"];

    /// <summary>Every document of incident <paramref name="n"/> (1-based) of <paramref name="count"/>.</summary>
    public static IEnumerable<IDocument> Documents(int n, int count, int eventsPerIncident)
    {
        var random = new Random(n);
        var declared = Start + TimeSpan.FromTicks((End - Start).Ticks / count * (n - 1));
        var source = (IncidentSource)(random.Next(100) switch { < 15 => 1, < 30 => 2, < 50 => 3, < 80 => 4, _ => 0 });
        var isOpen = random.Next(100) < 2;
        var acked = declared.AddSeconds(random.Next(30, 3600));
        var lead = new UserId("U" + random.Next(40).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
        var mitigated = acked.AddMinutes(random.Next(5, 600));
        var resolved = mitigated.AddMinutes(random.Next(10, 2000));
        string[] markets = random.Next(4) == 0 ? [Markets[random.Next(10)], Markets[random.Next(10)]] : [Markets[random.Next(10)]];
        yield return new Incident
        {
            WorkspaceId = Workspace,
            Platform = PlatformId.Slack,
            Number = n,
            Title = $"Incident {n}: coordinated abuse wave, \"viral\" clips, harmful content",
            Description = "Reports from several markets about the same campaign.",
            Severity = (Severity)random.Next(1, 5),
            Status = isOpen ? IncidentStatus.Investigating : IncidentStatus.Closed,
            Source = source,
            Markets = [.. markets.Distinct()],
            Languages = [Languages[random.Next(10)]],
            IsRestricted = random.Next(50) == 0,
            Roles = new IncidentRoles { Lead = lead },
            Reporter = new UserId("U0REPORTER"),
            Participants = [lead],
            Channel = new ChannelId("C" + n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)),
            DeclaredAt = declared,
            AcknowledgedAt = acked,
            MitigatedAt = isOpen ? null : mitigated,
            ResolvedAt = isOpen ? null : resolved,
            ClosedAt = isOpen ? null : resolved.AddDays(1),
            UpdatedAt = resolved,
            ReportCount = source == IncidentSource.UserReport ? random.Next(1, 30) : 0,
            FirstReportAt = source == IncidentSource.UserReport ? declared.AddMinutes(-random.Next(1, 120)) : null,
            Version = eventsPerIncident,
        };
        for (var e = 1; e <= eventsPerIncident; e++)
        {
            var kind = e switch
            {
                1 => TimelineKind.Declared,
                2 => TimelineKind.RoleAssigned,
                _ when e == eventsPerIncident => TimelineKind.Resolved,
                _ => e % 3 == 0 ? TimelineKind.StatusUpdate : TimelineKind.Note,
            };
            yield return new TimelineEvent
            {
                Id = TimelineEvent.IdFor(n, e),
                WorkspaceId = Workspace,
                IncidentNumber = n,
                At = declared.AddMinutes(e * 7),
                Actor = lead,
                Kind = kind,
                Version = e,
                Text = kind == TimelineKind.RoleAssigned ? "lead" : "Removed 40 more copies; the campaign moved to a new hashtag.",
                To = kind == TimelineKind.RoleAssigned ? lead.Value : null,
            };
        }
        var targets = Enumerable.Range(0, random.Next(1, 4)).Select(t => new PageTarget
        {
            User = new UserId("U" + random.Next(40).ToString("D3", System.Globalization.CultureInfo.InvariantCulture)),
            SentAt = declared.AddSeconds(20),
            IsNight = random.Next(4) == 0,
            IsWeekend = random.Next(7) < 2,
        }).ToList();
        yield return new Page
        {
            Id = Page.IdFor(n, "trust-safety", null, EscalationPosition.First),
            WorkspaceId = Workspace,
            Platform = PlatformId.Slack,
            IncidentNumber = n,
            EscalationPolicy = new EscalationPolicy("trust-safety", "Trust & Safety", [], 0, null),
            Step = 0,
            Attempt = 0,
            Status = PageStatus.Acknowledged,
            CreatedAt = declared.AddSeconds(10),
            AreTargetsResolved = true,
            Targets = targets,
            AcknowledgedBy = targets[0].User,
            AcknowledgedAt = acked,
        };
        if (source is IncidentSource.Regulator or IncidentSource.Partner)
        {
            yield return new Clock
            {
                WorkspaceId = Workspace,
                IncidentNumber = n,
                Name = Clocks[random.Next(Clocks.Length)],
                Window = TimeSpan.FromHours(random.Next(1, 25)),
                StartedAt = declared,
                RecordedAt = declared,
                MetAt = isOpen ? null : declared.AddMinutes(random.Next(10, 1800)),
            };
        }
    }
}
