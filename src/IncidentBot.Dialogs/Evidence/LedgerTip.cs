using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// What appending to an incident's ledger starts from: its head (the last entry's seq and hash) and the incident's
/// platform, which prefixes actors (<c>slack:U123</c>).
/// </summary>
internal sealed record LedgerTip(LedgerHead Head, PlatformId? Platform);
