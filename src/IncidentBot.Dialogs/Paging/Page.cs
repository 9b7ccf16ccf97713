using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// One step of one escalation policy paged for one incident: its own document, with an id
/// derived from incident, policy, the chain's random token (<see cref="PageChainAnchor"/>), step
/// and attempt, so creating it twice creates it once and nobody can guess it from outside.
/// Its due time (<see cref="EscalateAt"/>) is the escalation timer; a job only points at it.
/// Pages of a policy form a chain through <see cref="NextPageId"/>; the last one is the head,
/// and acknowledging means replacing the head with its ETag, so exactly one answer wins.
/// </summary>
public sealed record Page : IDocument
{
    public const string DocumentType = "page";

    /// <summary>The properties pages are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath IncidentNumber = DocumentPath.Of<Page>(nameof(Page.IncidentNumber));

        public static readonly DocumentPath CreatedAt = DocumentPath.Of<Page>(nameof(Page.CreatedAt));

        public static readonly DocumentPath Step = DocumentPath.Of<Page>(nameof(Page.Step));

        public static readonly DocumentPath Status = DocumentPath.Of<Page>(nameof(Page.Status));
    }

    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required PlatformId Platform { get; init; }

    public required int IncidentNumber { get; init; }

    /// <summary>The policy as it was when paging began; a reload of the file does not change a running escalation.</summary>
    [JsonPropertyName("policy")]
    public required EscalationPolicy EscalationPolicy { get; init; }

    public required int Step { get; init; }

    public required int Attempt { get; init; }

    /// <summary>The chain's random token, part of every id of the chain; null for pages stored before ids had one.</summary>
    public string? ChainToken { get; init; }

    [JsonIgnore]
    public EscalationPosition Position => new(Step, Attempt);

    public required PageStatus Status { get; init; }

    /// <summary>Why, for pages of one person from another feature ("the regulator's deadline is in 15 minutes").</summary>
    public string? Reason { get; init; }

    /// <summary>Who asked for it (<c>page</c> command); null when routing or a timer did.</summary>
    public UserId? RequestedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When this step escalates if nobody acknowledges; null once it is no longer pending.</summary>
    public DateTimeOffset? EscalateAt { get; init; }

    /// <summary>Set once the step's people were looked up (on-call at <see cref="CreatedAt"/>, e-mails resolved).</summary>
    public bool AreTargetsResolved { get; init; }

    public IReadOnlyList<PageTarget> Targets { get; init; } = [];

    /// <summary>People of the step who could not be paged, as shown to people (e-mail without a chat account, empty rotation).</summary>
    public IReadOnlyList<string> Unreachable { get; init; } = [];

    public UserId? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>When it stopped being pending by escalation, exhaustion or cancellation.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    public string? NextPageId { get; init; }

    [JsonIgnore]
    public bool IsPending => Status == PageStatus.Pending;

    [JsonIgnore]
    public IncidentNumber Incident => new(IncidentNumber);

    /// <summary>The first page of the chain this page belongs to.</summary>
    [JsonIgnore]
    public string FirstId => IdFor(IncidentNumber, EscalationPolicy.Id, ChainToken, EscalationPosition.First);

    public static string IdFor(int incidentNumber, string policyId, string? chainToken, EscalationPosition position) =>
        chainToken is null
            ? string.Create(CultureInfo.InvariantCulture, $"page-{incidentNumber}-{SafeId(policyId)}-s{position.Step}-a{position.Attempt}")
            : string.Create(CultureInfo.InvariantCulture, $"page-{incidentNumber}-{SafeId(policyId)}-{chainToken}-s{position.Step}-a{position.Attempt}");

    /// <summary>The id of the page of this chain at <paramref name="position"/>.</summary>
    public string IdAt(EscalationPosition position) => IdFor(IncidentNumber, EscalationPolicy.Id, ChainToken, position);

    /// <summary>A new chain token: 128 random bits, so a page id cannot be guessed from the incident and policy.</summary>
    public static string NewChainToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>The page that takes over when this one escalates.</summary>
    public Page Successor(EscalationPosition next, DateTimeOffset now) => this with
    {
        Id = IdAt(next),
        Step = next.Step,
        Attempt = next.Attempt,
        Status = PageStatus.Pending,
        CreatedAt = now,
        EscalateAt = now + EscalationPlan.StepAt(EscalationPolicy, next).Wait,
        AreTargetsResolved = false,
        Targets = [],
        Unreachable = [],
        AcknowledgedBy = null,
        AcknowledgedAt = null,
        ClosedAt = null,
        NextPageId = null,
    };

    /// <summary>Ids may not carry every character a key can (Cosmos DB refuses / \ ? #); long or odd keys become a hash.</summary>
    public static string SafeId(string key)
    {
        var isPlain = key.Length <= 60 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return isPlain ? key.ToLowerInvariant() : "h" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24].ToLowerInvariant();
    }
}
