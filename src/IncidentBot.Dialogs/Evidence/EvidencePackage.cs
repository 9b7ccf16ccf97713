using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Writes an incident's evidence package, the zip Legal sends a regulator: <c>incident.json</c>,
/// <c>ledger.jsonl</c> (one canonical entry per line), <c>reports/…</c>, <c>postmortem.md</c>
/// and, last, <c>manifest.json</c> with every file's SHA-256, the ledger head and the entry count.
/// Everything streams: digests are computed as bytes go out, and memory stays flat however long
/// the ledger is. The same content and time give the same bytes.
/// </summary>
public static class EvidencePackage
{
    public const string IncidentFileName = EvidencePath.Incident;
    public const string LedgerFileName = EvidencePath.Ledger;
    public const string PostMortemFileName = EvidencePath.PostMortem;
    public const string ManifestFileName = EvidencePath.Manifest;
    public const string ReportsFolder = EvidencePath.Reports;

    // Ledger lines are gathered to about this size before they go to the zip stream.
    private const int FlushBytes = 64 * 1024;

    /// <summary>Writes the package to <paramref name="destination"/>, which may be a response body: writes are asynchronous and forward only.</summary>
    /// <param name="exportedAt">When the export was made; kept as UTC milliseconds, and stamped on every file of the zip.</param>
    /// <returns>The manifest written.</returns>
    /// <exception cref="ArgumentException">A report name is not a safe relative path, or appears twice.</exception>
    public static async Task<EvidenceManifest> WriteAsync(Stream destination, EvidenceContent content, DateTimeOffset exportedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(content);
        var package = new Writer(new SpoolingStream(destination), LedgerTimestamp.Normalize(exportedAt));
        var manifest = await package.WriteAsync(content, cancellationToken);
        await destination.FlushAsync(cancellationToken);
        return manifest;
    }

    /// <summary>One package being written: the zip, the spool it writes through, and the time stamped on its files.</summary>
    private sealed class Writer(SpoolingStream spool, DateTimeOffset at)
    {
        public async Task<EvidenceManifest> WriteAsync(EvidenceContent content, CancellationToken cancellationToken)
        {
            var files = new List<EvidenceFileDigest>();
            EvidenceManifest manifest;
            var zip = await ZipArchive.CreateAsync(spool, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, cancellationToken);
            await using (zip)
            {
                files.Add(await WriteBytesAsync(zip, IncidentFileName, CanonicalJson.Serialize(content.Incident), cancellationToken));
                var (ledger, head, count) = await WriteLedgerAsync(zip, content.Ledger, cancellationToken);
                files.Add(ledger);
                if (content.Reports is not null)
                {
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    await foreach (var report in content.Reports.WithCancellation(cancellationToken))
                    {
                        var name = ReportsFolder + report.Name;
                        if (!EvidencePath.IsSafe(name))
                            throw new ArgumentException($"The report name {EvidencePath.Printable(report.Name)} is not a safe relative path.", nameof(content));
                        if (!names.Add(name))
                            throw new ArgumentException($"The report name {EvidencePath.Printable(report.Name)} appears twice.", nameof(content));
                        files.Add(await WriteStreamAsync(zip, name, report.Content, cancellationToken));
                    }
                }
                if (content.PostMortem is not null)
                    files.Add(await WriteBytesAsync(zip, PostMortemFileName, Encoding.UTF8.GetBytes(content.PostMortem), cancellationToken));

                manifest = new EvidenceManifest(files, head, count, at);
                await WriteBytesAsync(zip, ManifestFileName, manifest.ToCanonicalJson(), cancellationToken);
            }
            await spool.DrainAsync(cancellationToken); // the central directory
            return manifest;
        }

        private async Task<(EvidenceFileDigest Digest, string Head, int Count)> WriteLedgerAsync(
            ZipArchive zip, IAsyncEnumerable<LedgerEntry> entries, CancellationToken cancellationToken)
        {
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = LedgerHash.Genesis;
            var count = 0;
            var lines = new ArrayBufferWriter<byte>(FlushBytes + 4096);
            var stream = await OpenAsync(zip, LedgerFileName, cancellationToken);
            await using (stream)
            {
                await foreach (var entry in entries.WithCancellation(cancellationToken))
                {
                    LedgerLine.Write(entry, lines);
                    head = entry.Hash;
                    count++;
                    if (lines.WrittenCount >= FlushBytes)
                        await FlushAsync(lines, stream, sha256, cancellationToken);
                }
                await FlushAsync(lines, stream, sha256, cancellationToken);
            }
            await spool.DrainAsync(cancellationToken);
            return (new EvidenceFileDigest(LedgerFileName, Convert.ToHexStringLower(sha256.GetHashAndReset())), head, count);
        }

        private async Task FlushAsync(ArrayBufferWriter<byte> lines, Stream stream, IncrementalHash sha256, CancellationToken cancellationToken)
        {
            sha256.AppendData(lines.WrittenSpan);
            await stream.WriteAsync(lines.WrittenMemory, cancellationToken);
            lines.ResetWrittenCount();
            await spool.DrainAsync(cancellationToken);
        }

        private async Task<EvidenceFileDigest> WriteBytesAsync(ZipArchive zip, string name, byte[] bytes, CancellationToken cancellationToken)
        {
            var stream = await OpenAsync(zip, name, cancellationToken);
            await using (stream)
                await stream.WriteAsync(bytes, cancellationToken);
            await spool.DrainAsync(cancellationToken);
            return new EvidenceFileDigest(name, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        private async Task<EvidenceFileDigest> WriteStreamAsync(ZipArchive zip, string name, Stream content, CancellationToken cancellationToken)
        {
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = ArrayPool<byte>.Shared.Rent(FlushBytes);
            try
            {
                var stream = await OpenAsync(zip, name, cancellationToken);
                await using (stream)
                {
                    int read;
                    while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        sha256.AppendData(buffer, 0, read);
                        await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        await spool.DrainAsync(cancellationToken);
                    }
                }
                await spool.DrainAsync(cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return new EvidenceFileDigest(name, Convert.ToHexStringLower(sha256.GetHashAndReset()));
        }

        private Task<Stream> OpenAsync(ZipArchive zip, string name, CancellationToken cancellationToken)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = at; // not the clock of the machine: the same export gives the same bytes
            return entry.OpenAsync(cancellationToken);
        }
    }
}
