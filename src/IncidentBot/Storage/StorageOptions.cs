using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Storage;

/// <summary>The <c>Storage</c> configuration section: where the embedded store keeps its file.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// The SQLite file of the embedded store. A relative path is taken from the content root
    /// (the current directory when there is none); its directory is created on start.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(1024)]
    public string Path { get; set; } = "data/incidentbot.db";

    /// <summary>
    /// Whether the embedded store's writer writes its log (the <c>-wal</c> file) a transaction at a time, in writes of up to
    /// 124 KiB, instead of two system calls for every page; on Linux only, elsewhere it is ignored. A transaction is in the
    /// file before its commit returns either way. Off is for ruling it out when investigating the store.
    /// </summary>
    public bool CoalesceLogWrites { get; set; } = true;

    /// <summary>The file's full path, a relative <see cref="Path"/> being taken from <paramref name="baseDirectory"/>.</summary>
    public string FullPath(string baseDirectory) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, Path));
}
