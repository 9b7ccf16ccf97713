using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// The incident record: one small document per incident in its workspace's partition.
/// Timeline events, pages and reminders are documents of their own beside it.
/// Change it only through <see cref="IncidentLifecycle"/>.
/// </summary>
public sealed record Incident : IDocument
{
    public const string DocumentType = "incident";

    /// <summary>The properties incidents are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath Number = DocumentPath.Of<Incident>(nameof(Incident.Number));

        public static readonly DocumentPath IsOpen = DocumentPath.Of<Incident>(nameof(Incident.IsOpen));

        public static readonly DocumentPath Channel = DocumentPath.Of<Incident>(nameof(Incident.Channel));

        public static readonly DocumentPath DeclareReceiptId = DocumentPath.Of<Incident>(nameof(Incident.DeclareReceiptId));

        public static readonly DocumentPath Status = DocumentPath.Of<Incident>(nameof(Incident.Status));

        public static readonly DocumentPath Severity = DocumentPath.Of<Incident>(nameof(Incident.Severity));

        public static readonly DocumentPath Source = DocumentPath.Of<Incident>(nameof(Incident.Source));

        public static readonly DocumentPath Markets = DocumentPath.Of<Incident>(nameof(Incident.Markets));

        public static readonly DocumentPath Languages = DocumentPath.Of<Incident>(nameof(Incident.Languages));
    }

    [JsonPropertyName("id")]
    public string Id => _id.Get(Number, 0, static (number, _) => new IncidentNumber(number).DocumentId);

    private DerivedId _id;

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    /// <summary>The chat platform the workspace lives on (<c>slack</c> or <c>teams</c>).</summary>
    public required PlatformId Platform { get; init; }

    public required int Number { get; init; }

    [JsonIgnore]
    public IncidentNumber Key => new(Number);

    public required string Title { get; init; }

    public string? Description { get; init; }

    public required Severity Severity { get; init; }

    public required IncidentStatus Status { get; init; }

    /// <summary>Stored so "open incidents" is one indexed equality in every store.</summary>
    public bool IsOpen => IncidentLifecycle.IsOpen(Status);

    public required IncidentSource Source { get; init; }

    public IReadOnlyList<string> Markets { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Legal privilege, minors, personal data: private channel, no title outside it, ids only in logs.</summary>
    public bool IsRestricted { get; init; }

    public IncidentRoles Roles { get; init; } = new();

    public required UserId Reporter { get; init; }

    /// <summary>People who joined (the announcement's button, an acknowledged page); invited to the channel.</summary>
    public IReadOnlyList<UserId> Participants { get; init; } = [];

    /// <summary>Everyone the channel should hold: reporter, role holders and participants (not the intake, which is nobody to invite).</summary>
    public IEnumerable<UserId> Members() => Roles.Holders().Prepend(Reporter).Concat(Participants).Where(u => !u.IsIntake).Distinct();

    /// <summary>The incident's own channel, once the channel job has created it.</summary>
    public ChannelId? Channel { get; init; }

    /// <summary>Where the incident was declared from, and the message it was declared from, if any.</summary>
    public ChannelId? OriginChannel { get; init; }

    public string? OriginMessageLink { get; init; }

    public required DateTimeOffset DeclaredAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? MitigatedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>When the last <c>update</c> (status update) was posted.</summary>
    public DateTimeOffset? LastStatusUpdateAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? ResolutionSummary { get; init; }

    /// <summary>
    /// The <see cref="DeclareReceipt"/> of the delivery that declared it, so a declare retried after a
    /// lost answer finds this incident instead of declaring a second one.
    /// </summary>
    public string? DeclareReceiptId { get; init; }

    /// <summary>Reports (intake API, e-mail, partner channels) recorded on this incident, the one that opened it included.</summary>
    public int ReportCount { get; init; }

    /// <summary>When the earliest of its reports was received (which may be before the incident was declared).</summary>
    public DateTimeOffset? FirstReportAt { get; init; }

    public DateTimeOffset? LastReportAt { get; init; }

    /// <summary>The sources its reports came from (<c>regulator</c>, <c>partner</c>, <c>trending</c>, <c>user-report</c>), each once.</summary>
    public IReadOnlyList<string> ReportSources { get; init; } = [];

    /// <summary>The regulator's order that opened it, if one did.</summary>
    public RegulatorOrder? Order { get; init; }

    /// <summary>A legal hold: while set, nothing of the incident expires or is purged, whatever its TTL or the retention rules.</summary>
    public IncidentHold? Hold { get; init; }

    /// <summary>When the retention job purged its chat side and reports (the record and its ledger stay).</summary>
    public DateTimeOffset? PurgedAt { get; init; }

    /// <summary>Goes up by one with every change; timeline events of changes carry it.</summary>
    public int Version { get; init; }

    /// <summary>
    /// The version of its last change other than a report joining it. The channel hears about joining reports only
    /// through the intake's digest, so once it has been brought up to this version it has nothing to read in the
    /// timeline: a storm's channel sync reads none of its thousands of joins (PERFORMANCE.md, twenty-fifth session).
    /// Null on incidents stored before it was kept; their channel reads the timeline as before.
    /// </summary>
    public int? LastNonReportVersion { get; init; }

    /// <summary>Who may see the title and details of a restricted incident: its members.</summary>
    public bool IsVisibleTo(UserId user) =>
        !IsRestricted || Members().Contains(user);
}
