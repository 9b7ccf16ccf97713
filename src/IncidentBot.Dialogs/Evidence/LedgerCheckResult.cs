namespace IncidentBot.Dialogs.Evidence;

/// <summary>What <see cref="LedgerChecker"/> found.</summary>
/// <param name="Entries">Entries (lines) read, well-formed or not.</param>
/// <param name="Head">The hash carried by the last well-formed entry; <see cref="LedgerHash.Genesis"/> when there is none.</param>
/// <param name="FirstBadSeq">
/// The seq from which the ledger cannot be trusted: the position (1-based) of the first entry
/// with a problem, which is the seq that entry should have; null when there is no problem.
/// </param>
/// <param name="Problems">One sentence per problem, in ledger order, at most the checker's limit (then a last line says how many more).</param>
public sealed record LedgerCheckResult(bool IsValid, int Entries, string Head, int? FirstBadSeq, IReadOnlyList<string> Problems);
