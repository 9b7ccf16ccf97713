using System.Text.Json;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>What goes into an incident's evidence package.</summary>
/// <param name="Incident">The incident document, written to <c>incident.json</c> in canonical form.</param>
/// <param name="Ledger">The incident's ledger in seq order, streamed into <c>ledger.jsonl</c> one line per entry.</param>
public sealed record EvidenceContent(JsonElement Incident, IAsyncEnumerable<LedgerEntry> Ledger)
{
    /// <summary>Intake reports and their attachments, for <c>reports/</c>; none when null.</summary>
    public IAsyncEnumerable<EvidenceFile>? Reports { get; init; }

    /// <summary>The post-mortem as Markdown, for <c>postmortem.md</c>; left out when null.</summary>
    public string? PostMortem { get; init; }
}
