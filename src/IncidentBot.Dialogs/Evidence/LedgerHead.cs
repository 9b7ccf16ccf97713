namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The last entry of a ledger: its <see cref="Seq"/> and <see cref="Hash"/>, all it takes to
/// append the next entry. An empty ledger's head is <see cref="Empty"/>.
/// </summary>
public readonly record struct LedgerHead(int Seq, string Hash)
{
    public static LedgerHead Empty { get; } = new(0, LedgerHash.Genesis);
}
