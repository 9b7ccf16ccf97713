using IncidentBot.Storage.Embedded;

namespace IncidentBot.Tests.Storage;

public sealed class FileSystemFlushTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("incidentbot-flush-").FullName;

    [Fact]
    public void A_folder_on_Linux_is_flushed_with_its_file_system_and_elsewhere_nothing_is_claimed()
    {
        File.WriteAllText(Path.Combine(_folder, "dirty.txt"), "written, not yet synced");

        Assert.Equal(OperatingSystem.IsLinux(), FileSystemFlush.TryFlush(_folder));
    }

    [Fact]
    public void A_folder_that_is_not_there_is_not_flushed()
    {
        Assert.False(FileSystemFlush.TryFlush(Path.Combine(_folder, "missing")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
