using System.Globalization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// The random part of a chain's page ids, stored once per incident and policy. Page ids travel
/// in button values, so they must not be guessable; but paging a policy twice must still create
/// one chain. The anchor's id is derived (created once, like a page), its token is random (128
/// bits), and every page of the chain carries the token in its id.
/// </summary>
public sealed record PageChainAnchor : IDocument
{
    public const string DocumentType = "page-chain";

    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    /// <summary>32 lowercase hex digits.</summary>
    public required string Token { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public static string IdFor(int incidentNumber, string policyId) =>
        string.Create(CultureInfo.InvariantCulture, $"page-chain-{incidentNumber}-{Page.SafeId(policyId)}");
}
