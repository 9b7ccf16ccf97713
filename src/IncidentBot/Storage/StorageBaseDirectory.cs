using Microsoft.Extensions.Hosting;

namespace IncidentBot.Storage;

/// <summary>What a relative storage path is relative to: the content root, else the current directory.</summary>
internal sealed class StorageBaseDirectory(IHostEnvironment? environment = null)
{
    public string Value { get; } = environment?.ContentRootPath is { Length: > 0 } root ? root : Directory.GetCurrentDirectory();
}
