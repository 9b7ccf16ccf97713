using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// Which incident a delivery (a Slack trigger, a modal submission) declared, so a repeated
/// delivery finds the incident instead of declaring a second one. Stored in the same unit as
/// the incident it names.
/// </summary>
public sealed record DeclareReceipt : IExpiringDocument
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public const string DocumentType = "declare-receipt";


    /// <summary>The properties declare receipts are queried by.</summary>

    public static class Paths

    {

        public static readonly DocumentPath IncidentNumber = DocumentPath.Of<DeclareReceipt>(nameof(DeclareReceipt.IncidentNumber));

    }

    public string Type => DocumentType;

    public required DateTimeOffset ClaimedAt { get; init; }

    /// <summary>Null only on receipts claimed by bots from before declares were one unit.</summary>
    public int? IncidentNumber { get; init; }

    [JsonIgnore]
    public TimeSpan ExpiresAfter => TimeSpan.FromDays(1);
}
