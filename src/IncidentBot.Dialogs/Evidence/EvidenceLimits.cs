namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Bounds on what <see cref="EvidenceVerifier"/> reads, so a hostile archive (a zip bomb, a
/// central directory of millions of entries, a file that inflates past its declared size, a
/// ledger without newlines) costs bounded memory and time. An archive over a bound is not
/// read further and is reported invalid. The defaults fit an incident with millions of ledger
/// entries and large attachments: a 100,000-entry ledger is about 40 MB before compression.
/// </summary>
public sealed record EvidenceLimits
{
    public static EvidenceLimits Default { get; } = new();

    /// <summary>Size of the zip file itself. Default 2 GiB.</summary>
    public long MaxArchiveBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Files in the archive, from its end-of-central-directory record, checked before the directory is read. Default 10,000.</summary>
    public long MaxFiles { get; init; } = 10_000;

    /// <summary>Size of the zip's central directory, checked before it is read. Default 4 MiB.</summary>
    public long MaxDirectoryBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Uncompressed size of one file. Default 1 GiB.</summary>
    public long MaxFileBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Uncompressed size of all files together, as declared. Default 4 GiB.</summary>
    public long MaxTotalBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Uncompressed : compressed size of a file larger than <see cref="CompressionRatioFloorBytes"/>. Default 100 (a ledger compresses about 3:1).</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Files up to this size are not held to <see cref="MaxCompressionRatio"/>. Default 1 MiB.</summary>
    public long CompressionRatioFloorBytes { get; init; } = 1024 * 1024;

    /// <summary>Size of manifest.json, which is read whole. Default 4 MiB.</summary>
    public int MaxManifestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Length of one line of ledger.jsonl, the most held in memory at once. Default 1 MiB.</summary>
    public int MaxLineBytes { get; init; } = LedgerLineSplitter.DefaultMaxLineBytes;

    /// <summary>Problems listed in the result; more are counted. Default 100.</summary>
    public int MaxProblems { get; init; } = LedgerChecker.DefaultMaxProblems;
}
