using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Checks an evidence package as a regulator would: every ledger hash, link and seq is
/// recomputed, every file's SHA-256 is compared with the manifest, files missing from or extra
/// to the manifest are named, and the manifest's ledger head and entry count must match the
/// ledger, so a changed, added, removed or reordered byte anywhere is found. Hostile archives
/// are read within <see cref="EvidenceLimits"/>; nothing is extracted to disk.
/// </summary>
public static class EvidenceVerifier
{
    private const int ReadBufferBytes = 64 * 1024;

    public static Task<EvidenceVerification> VerifyAsync(Stream archive, CancellationToken cancellationToken) =>
        VerifyAsync(archive, EvidenceLimits.Default, cancellationToken);

    /// <param name="archive">
    /// The zip, readable and seekable (a zip is read from its end); for a request body,
    /// buffer it to a file first, within <see cref="EvidenceLimits.MaxArchiveBytes"/>.
    /// </param>
    public static async Task<EvidenceVerification> VerifyAsync(Stream archive, EvidenceLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(limits);
        if (!archive.CanRead || !archive.CanSeek)
            throw new ArgumentException("An evidence package is read from a readable, seekable stream.", nameof(archive));

        var run = new Verification(limits);
        if (archive.Length > limits.MaxArchiveBytes)
            return run.Stop($"the archive is {archive.Length} bytes; the limit is {limits.MaxArchiveBytes}");
        var directoryProblem = await ZipDirectoryGuard.CheckAsync(archive, limits, cancellationToken);
        if (directoryProblem is not null)
            return run.Stop(directoryProblem);

        ZipArchive zip;
        try
        {
            archive.Position = 0;
            zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return run.Stop("not a zip archive");
        }
        await using (zip)
            return await run.VerifyAsync(zip, cancellationToken);
    }

    /// <summary>One verification: the problems found so far and what the ledger said.</summary>
    private sealed class Verification(EvidenceLimits limits)
    {
        private readonly List<string> _problems = [];
        private readonly Dictionary<string, string> _digests = new(StringComparer.Ordinal); // files read whole
        private readonly HashSet<string> _unread = new(StringComparer.Ordinal); // present but refused
        private readonly LedgerChecker _ledger = new(limits.MaxProblems);
        private int _moreProblems;
        private int? _firstBadSeq;

        public EvidenceVerification Stop(string problem)
        {
            Problem(problem);
            return Result(LedgerHash.Genesis, 0);
        }

        public async Task<EvidenceVerification> VerifyAsync(ZipArchive zip, CancellationToken cancellationToken)
        {
            var files = Catalogue(zip);
            if (files is null)
                return Result(LedgerHash.Genesis, 0);

            var manifest = await ReadManifestAsync(files, cancellationToken);
            var ledgerRead = false;
            if (files.Remove(EvidencePath.Ledger, out var ledgerEntry))
                ledgerRead = await DigestAsync(ledgerEntry, _ledger, cancellationToken);
            else if (!_unread.Contains(EvidencePath.Ledger))
                Problem($"{EvidencePath.Ledger} is missing from the archive");
            foreach (var (_, entry) in files)
                await DigestAsync(entry, ledger: null, cancellationToken);

            var ledger = _ledger.Result;
            if (ledgerRead)
            {
                _firstBadSeq = ledger.FirstBadSeq;
                AddRange(ledger.Problems);
            }
            if (manifest is not null)
                CompareWithManifest(manifest, ledger);
            return Result(ledger.Head, ledger.Entries);
        }

        /// <summary>The archive's files by name, without those refused (unsafe, duplicated, over a limit); null when reading must stop.</summary>
        private Dictionary<string, ZipArchiveEntry>? Catalogue(ZipArchive zip)
        {
            var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                if (!EvidencePath.IsSafe(name))
                {
                    Problem($"{EvidencePath.Printable(name)} is not a safe relative path; it was not read");
                    continue;
                }
                if (!seen.Add(name))
                {
                    // Two files of one name: readers disagree on which one counts, so neither does.
                    Problem($"{EvidencePath.Printable(name)} appears more than once in the archive");
                    files.Remove(name);
                    _unread.Add(name);
                    continue;
                }
                if (!EvidencePath.IsInLayout(name))
                {
                    Problem($"{EvidencePath.Printable(name)} is not part of an evidence package");
                    continue;
                }
                declared += entry.Length;
                if (declared > limits.MaxTotalBytes)
                {
                    Problem($"the archive's files add up to more than {limits.MaxTotalBytes} bytes; it was not read further");
                    return null;
                }
                if (entry.Length > limits.MaxFileBytes)
                {
                    Refuse(name, $"{EvidencePath.Printable(name)} is {entry.Length} bytes; the limit is {limits.MaxFileBytes}");
                    continue;
                }
                if (entry.Length > limits.CompressionRatioFloorBytes && entry.Length > entry.CompressedLength * limits.MaxCompressionRatio)
                {
                    Refuse(name, $"{EvidencePath.Printable(name)} inflates more than {limits.MaxCompressionRatio} times; it was not read");
                    continue;
                }
                files[name] = entry;
            }
            return files;
        }

        private async Task<EvidenceManifest?> ReadManifestAsync(Dictionary<string, ZipArchiveEntry> files, CancellationToken cancellationToken)
        {
            if (!files.Remove(EvidencePath.Manifest, out var entry))
            {
                if (!_unread.Contains(EvidencePath.Manifest))
                    Problem($"{EvidencePath.Manifest} is missing from the archive");
                return null;
            }
            if (entry.Length > limits.MaxManifestBytes)
            {
                Problem($"{EvidencePath.Manifest} is {entry.Length} bytes; the limit is {limits.MaxManifestBytes}");
                return null;
            }
            var bytes = new byte[entry.Length];
            var length = await ReadBoundedAsync(entry, bytes, cancellationToken);
            if (length is null)
                return null;
            if (!EvidenceManifest.TryParse(bytes.AsMemory(0, length.Value), out var manifest, out var problem))
            {
                Problem($"{EvidencePath.Manifest}: {problem}");
                return null;
            }
            if (!manifest.ToCanonicalJson().AsSpan().SequenceEqual(bytes.AsSpan(0, length.Value)))
                Problem($"{EvidencePath.Manifest} is not in the canonical form it was written in");
            return manifest;
        }

        private async Task<int?> ReadBoundedAsync(ZipArchiveEntry entry, byte[] into, CancellationToken cancellationToken)
        {
            try
            {
                var stream = await entry.OpenAsync(cancellationToken);
                await using (stream)
                {
                    var total = 0;
                    int read;
                    while (total < into.Length && (read = await stream.ReadAsync(into.AsMemory(total), cancellationToken)) > 0)
                        total += read;
                    if (await stream.ReadAsync(new byte[1], cancellationToken) > 0)
                    {
                        Problem($"{EvidencePath.Printable(entry.FullName)} inflates beyond its declared size of {entry.Length} bytes");
                        return null;
                    }
                    return total;
                }
            }
            catch (InvalidDataException e)
            {
                Problem($"{EvidencePath.Printable(entry.FullName)} cannot be read ({e.Message})");
                return null;
            }
        }

        /// <summary>Reads a file once, hashing it and, for the ledger, checking every line; false if it could not be read to its end.</summary>
        private async Task<bool> DigestAsync(ZipArchiveEntry entry, LedgerChecker? ledger, CancellationToken cancellationToken)
        {
            var name = entry.FullName;
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var lines = ledger is null ? null : new LedgerLineSplitter(ledger, limits.MaxLineBytes);
            var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
            try
            {
                var stream = await entry.OpenAsync(cancellationToken);
                await using (stream)
                {
                    long total = 0;
                    int read;
                    while ((read = await stream.ReadAsync(buffer.AsMemory(0, ReadBufferBytes), cancellationToken)) > 0)
                    {
                        total += read;
                        if (total > entry.Length)
                        {
                            // The declared size bounded the limits above; a file that lies about it is not read on.
                            Refuse(name, $"{EvidencePath.Printable(name)} inflates beyond its declared size of {entry.Length} bytes");
                            return false;
                        }
                        sha256.AppendData(buffer, 0, read);
                        lines?.Push(buffer.AsMemory(0, read));
                    }
                }
                lines?.Complete();
            }
            catch (InvalidDataException e)
            {
                Refuse(name, $"{EvidencePath.Printable(name)} cannot be read ({e.Message})");
                return false;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            _digests[name] = Convert.ToHexStringLower(sha256.GetHashAndReset());
            return true;
        }

        private void CompareWithManifest(EvidenceManifest manifest, LedgerCheckResult ledger)
        {
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in manifest.Files)
            {
                if (!listed.Add(file.Name))
                    Problem($"{EvidencePath.Manifest} lists {EvidencePath.Printable(file.Name)} more than once");
                else if (file.Name == EvidencePath.Manifest)
                    Problem($"{EvidencePath.Manifest} lists itself");
                else if (_digests.TryGetValue(file.Name, out var digest))
                {
                    if (!string.Equals(digest, file.Sha256, StringComparison.Ordinal))
                        Problem($"{EvidencePath.Printable(file.Name)}: its SHA-256 differs from the manifest's");
                }
                else if (!_unread.Contains(file.Name) && file.Name != EvidencePath.Ledger)
                {
                    Problem($"{EvidencePath.Printable(file.Name)} is listed in the manifest but missing from the archive");
                }
            }
            foreach (var name in _digests.Keys.Order(StringComparer.Ordinal))
            {
                if (!listed.Contains(name))
                    Problem($"{EvidencePath.Printable(name)} is in the archive but not in the manifest");
            }
            foreach (var required in (string[])[EvidencePath.Incident, EvidencePath.Ledger])
            {
                if (!listed.Contains(required))
                    Problem($"{EvidencePath.Manifest} does not list {required}");
            }

            if (manifest.Entries != ledger.Entries)
            {
                Problem($"{EvidencePath.Manifest} counts {manifest.Entries} ledger entries; {EvidencePath.Ledger} holds {ledger.Entries}");
                BadFrom(Math.Min(manifest.Entries, ledger.Entries) + 1); // the first entry missing, or the first added
            }
            else if (!string.Equals(manifest.LedgerHead, ledger.Head, StringComparison.Ordinal))
            {
                Problem($"{EvidencePath.Manifest}'s ledgerHead is not the hash of the last ledger entry");
                BadFrom(Math.Max(ledger.Entries, 1));
            }
            if (_ledger.LastAt is { } lastAt && manifest.ExportedAt < lastAt)
                Problem($"{EvidencePath.Manifest}'s exportedAt is earlier than the last ledger entry");
        }

        private void BadFrom(int seq) => _firstBadSeq = _firstBadSeq is { } first ? Math.Min(first, seq) : seq;

        private void Refuse(string name, string problem)
        {
            _unread.Add(name);
            Problem(problem);
        }

        private void AddRange(IEnumerable<string> problems)
        {
            foreach (var problem in problems)
                Problem(problem);
        }

        private void Problem(string problem)
        {
            if (_problems.Count < limits.MaxProblems)
                _problems.Add(problem);
            else
                _moreProblems++;
        }

        private EvidenceVerification Result(string head, int entries)
        {
            var problems = _moreProblems == 0 ? _problems.ToArray() : [.. _problems, $"... and {_moreProblems} more problems"];
            return new EvidenceVerification(problems.Length == 0, entries, head, _firstBadSeq, problems);
        }
    }
}
