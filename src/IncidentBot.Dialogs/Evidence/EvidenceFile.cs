namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// A file for the <c>reports/</c> folder of an evidence package: an intake report or one of
/// its attachments. The package writer reads <see cref="Content"/> to its end and does not
/// dispose it; yield files from an iterator that opens and disposes each one in turn, so only
/// one is open at a time.
/// </summary>
/// <param name="Name">The path under <c>reports/</c>, such as <c>r-12/report.json</c> or <c>r-12/screenshot.png</c>: segments separated by <c>/</c>, no <c>..</c>, no <c>\</c> or <c>:</c>.</param>
public sealed record EvidenceFile(string Name, Stream Content);
