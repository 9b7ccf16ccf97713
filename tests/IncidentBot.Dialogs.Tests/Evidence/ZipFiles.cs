using System.IO.Compression;

namespace IncidentBot.Dialogs.Tests.Evidence;

/// <summary>Reads a zip's files and writes them back changed, as someone tampering with an export would.</summary>
internal static class ZipFiles
{
    public static List<(string Name, byte[] Bytes)> Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(entry => (entry.FullName, ReadAll(entry)))];
    }

    public static byte[] Write(IEnumerable<(string Name, byte[] Bytes)> files, CompressionLevel level = CompressionLevel.Optimal)
    {
        var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                using var stream = archive.CreateEntry(name, level).Open();
                stream.Write(bytes);
            }
        }
        return output.ToArray();
    }

    /// <summary>The same zip with one file's bytes replaced.</summary>
    public static byte[] Change(byte[] zip, string name, Func<byte[], byte[]> change) =>
        Write(Read(zip).Select(file => file.Name == name ? (file.Name, change(file.Bytes)) : file));

    public static byte[] File(byte[] zip, string name) => Read(zip).Single(file => file.Name == name).Bytes;

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
