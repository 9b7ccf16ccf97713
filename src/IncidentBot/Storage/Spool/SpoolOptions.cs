using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Storage.Spool;

/// <summary>The <c>Spool</c> configuration section: where declarations wait while the store is unavailable.</summary>
public sealed class SpoolOptions
{
    public const string SectionName = "Spool";

    /// <summary>A small SQLite file on local disk; relative to the content root. Keep it on a disk that survives restarts.</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(1024)]
    public string Path { get; set; } = "data/pending-declares.db";

    /// <summary>How often the job tries to store what waits in the spool.</summary>
    [Range(1, 3600)]
    public int RetryIntervalSeconds { get; set; } = 10;

    public string FullPath(string baseDirectory) => System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, Path));
}
