using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Builders;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary>
/// A small workspace whose trend figures are worked out by hand in the tests. November 2026 (UTC):
/// <list type="bullet">
/// <item>INC-1 regulator SEV1, IN/hi, Mon 2 Nov 10:00; lead U1 at 10:02, acknowledged 10:05, mitigated 10:30, resolved 12:00;
/// clocks in-takedown-order met in time, regulator-ack met late; a page to U1 (acknowledged it) and U2 (at night).</item>
/// <item>INC-2 partner SEV2, NP+IN/ne+bho, Wed 4 Nov 08:00, first report 07:00, 3 reports; acknowledged 08:30, mitigated 09:00;
/// clock partner-response unmet past its window; a page to U2 on a weekend, acknowledged by U2.</item>
/// <item>INC-3 internal SEV3, no market, en, Tue 10 Nov 00:00; comms at 00:05 (not a lead), lead U3 at 00:10, acknowledged 00:20,
/// mitigated 03:00, resolved 06:00; a page to U3 at night, unanswered, and one to U4 never sent.</item>
/// <item>INC-4 regulator SEV1, IN/hi, Fri 20 Nov 10:00, 1 report; acknowledged 10:10; clock de-netzdg-other still running.</item>
/// <item>INC-5 regulator, 25 Oct: outside the range; its lead, clock and a page created in range must not count.</item>
/// </list>
/// </summary>
internal static class TrendDataSet
{
    public static readonly DateTimeOffset Now = At(21, 12, 0);

    public static readonly DateTimeOffset From = At(1, 0, 0);

    public static readonly DateTimeOffset To = Now;

    public static DateTimeOffset At(int day, int hour, int minute, int month = 11) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    public static async Task SeedAsync(IDocumentStore store, string workspace, CancellationToken cancellationToken)
    {
        foreach (var document in Documents(workspace))
            await store.UpsertAsync(document, cancellationToken);
    }

    private static IEnumerable<IDocument> Documents(string w)
    {
        yield return Incident(w, 1, IncidentSource.Regulator, Severity.Sev1, ["IN"], ["hi"], At(2, 10, 0)) with
        {
            Status = IncidentStatus.Resolved,
            Roles = new IncidentRoles { Lead = new UserId("U1") },
            AcknowledgedAt = At(2, 10, 5),
            MitigatedAt = At(2, 10, 30),
            ResolvedAt = At(2, 12, 0),
        };
        yield return Lead(w, 1, "U1", At(2, 10, 2));
        yield return Clock(w, 1, "in-takedown-order", TimeSpan.FromHours(3), At(2, 10, 0)) with { MetAt = At(2, 11, 0) };
        yield return Clock(w, 1, "regulator-ack", TimeSpan.FromMinutes(15), At(2, 10, 0)) with { MetAt = At(2, 10, 20) };
        yield return Page(w, 1, "p1", At(2, 10, 1), acknowledgedBy: "U1",
            Target("U1", At(2, 10, 1)), Target("U2", At(2, 10, 1)) with { IsNight = true });

        yield return Incident(w, 2, IncidentSource.Partner, Severity.Sev2, ["NP", "IN"], ["ne", "bho"], At(4, 8, 0)) with
        {
            Status = IncidentStatus.Mitigated,
            FirstReportAt = At(4, 7, 0),
            LastReportAt = At(4, 7, 40),
            ReportCount = 3,
            AcknowledgedAt = At(4, 8, 30),
            MitigatedAt = At(4, 9, 0),
        };
        yield return Clock(w, 2, "partner-response", TimeSpan.FromHours(24), At(4, 7, 0)) with { RecordedAt = At(4, 8, 0) };
        yield return Page(w, 2, "p2", At(4, 8, 1), acknowledgedBy: "U2", Target("U2", At(4, 8, 1)) with { IsWeekend = true });

        yield return Incident(w, 3, IncidentSource.Internal, Severity.Sev3, [], ["en"], At(10, 0, 0)) with
        {
            Status = IncidentStatus.Resolved,
            Roles = new IncidentRoles { Lead = new UserId("U3"), Comms = new UserId("U9") },
            AcknowledgedAt = At(10, 0, 20),
            MitigatedAt = At(10, 3, 0),
            ResolvedAt = At(10, 6, 0),
        };
        yield return Role(w, 3, "comms", "U9", At(10, 0, 5), version: 2);
        yield return Lead(w, 3, "U3", At(10, 0, 10), version: 3);
        yield return Page(w, 3, "p3", At(10, 0, 1), acknowledgedBy: null,
            Target("U3", At(10, 0, 1)) with { IsNight = true }, new PageTarget { User = new UserId("U4") });

        yield return Incident(w, 4, IncidentSource.Regulator, Severity.Sev1, ["IN"], ["hi"], At(20, 10, 0)) with
        {
            Status = IncidentStatus.Investigating,
            ReportCount = 1,
            FirstReportAt = null,
            AcknowledgedAt = At(20, 10, 10),
        };
        yield return Clock(w, 4, "de-netzdg-other", TimeSpan.FromDays(7), At(20, 10, 0));

        yield return Incident(w, 5, IncidentSource.Regulator, Severity.Sev1, ["IN"], ["hi"], At(25, 10, 0, month: 10)) with
        {
            Status = IncidentStatus.Investigating,
            AcknowledgedAt = At(25, 10, 5, month: 10),
            ReportCount = 7,
        };
        yield return Lead(w, 5, "U1", At(25, 10, 1, month: 10));
        yield return Clock(w, 5, "in-takedown-order", TimeSpan.FromHours(3), At(25, 10, 0, month: 10)) with { MetAt = At(25, 11, 0, month: 10) };
        yield return Page(w, 5, "p5", At(2, 9, 0), acknowledgedBy: "U1", Target("U1", At(2, 9, 0)));
    }

    private static Incident Incident(string w, int number, IncidentSource source, Severity severity, string[] markets, string[] languages, DateTimeOffset declared) =>
        new IncidentBuilder().InWorkspace(w).WithNumber(number).WithSource(source).WithSeverity(severity)
            .WithMarkets(markets).WithLanguages(languages).DeclaredAt(declared).Build();

    private static TimelineEvent Lead(string w, int number, string user, DateTimeOffset at, int version = 2) => Role(w, number, "lead", user, at, version);

    private static TimelineEvent Role(string w, int number, string role, string user, DateTimeOffset at, int version) => new()
    {
        Id = TimelineEvent.IdFor(number, version),
        WorkspaceId = w,
        IncidentNumber = number,
        At = at,
        Actor = new UserId("U0REPORTER"),
        Kind = TimelineKind.RoleAssigned,
        Version = version,
        Text = role,
        To = user,
    };

    private static Clock Clock(string w, int number, string name, TimeSpan window, DateTimeOffset started) => new()
    {
        WorkspaceId = w,
        IncidentNumber = number,
        Name = name,
        Window = window,
        StartedAt = started,
        RecordedAt = started,
        IsAutomatic = true,
    };

    private static PageTarget Target(string user, DateTimeOffset sentAt) => new() { User = new UserId(user), SentAt = sentAt };

    private static Page Page(string w, int number, string id, DateTimeOffset created, string? acknowledgedBy, params PageTarget[] targets) => new()
    {
        Id = id,
        WorkspaceId = w,
        Platform = PlatformId.Slack,
        IncidentNumber = number,
        EscalationPolicy = new EscalationPolicy("trust-safety", "Trust & Safety", [], 0, null),
        Step = 0,
        Attempt = 0,
        Status = acknowledgedBy is null ? PageStatus.Escalated : PageStatus.Acknowledged,
        CreatedAt = created,
        AreTargetsResolved = true,
        Targets = targets,
        AcknowledgedBy = acknowledgedBy is null ? null : new UserId(acknowledgedBy),
        AcknowledgedAt = acknowledgedBy is null ? null : created.AddMinutes(2),
    };
}
