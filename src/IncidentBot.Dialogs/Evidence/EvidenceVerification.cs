using System.Text.Json.Serialization;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// What <see cref="EvidenceVerifier"/> found in an evidence package, as answered by
/// <c>POST /api/evidence/verify</c> and printed by <c>verify-evidence</c>:
/// <c>{"valid":…,"entries":…,"head":"…","firstBadSeq":n|null,"problems":[…]}</c>.
/// </summary>
/// <param name="Valid">True only when nothing at all is wrong: every hash, link, seq and digest checks, and no file is missing or extra.</param>
/// <param name="Entries">Lines read from ledger.jsonl.</param>
/// <param name="Head">The hash on the last ledger entry read (<see cref="LedgerHash.Genesis"/> when none).</param>
/// <param name="FirstBadSeq">
/// The first ledger seq that cannot be trusted: the first entry with a problem, or, when the
/// ledger is shorter or longer than the manifest says, the first entry missing or added (a
/// last entry replaced shows as the last seq). Null when the ledger itself is sound, even if
/// another file is not.
/// </param>
/// <param name="Problems">One sentence each, in the order found.</param>
public sealed record EvidenceVerification(
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("entries")] int Entries,
    [property: JsonPropertyName("head"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Head,
    [property: JsonPropertyName("firstBadSeq"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? FirstBadSeq,
    [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems);
