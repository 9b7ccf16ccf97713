using System.Buffers.Binary;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Reads a zip's end-of-central-directory record (and its zip64 form) before
/// <see cref="System.IO.Compression.ZipArchive"/> does, because opening an archive reads its
/// whole central directory into memory: a small hostile file can declare millions of entries.
/// </summary>
internal static class ZipDirectoryGuard
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const int EndLength = 22;
    private const int Zip64LocatorLength = 20;
    private const int Zip64EndLength = 56;

    /// <summary>A problem that stops the archive being opened, or null.</summary>
    public static async Task<string?> CheckAsync(Stream archive, EvidenceLimits limits, CancellationToken cancellationToken)
    {
        var length = archive.Length;
        if (length < EndLength)
            return "not a zip archive";
        var tail = new byte[(int)Math.Min(length, EndLength + ushort.MaxValue)]; // the record and the longest comment
        var tailStart = length - tail.Length;
        archive.Position = tailStart;
        await archive.ReadExactlyAsync(tail, cancellationToken);

        var end = -1;
        for (var i = tail.Length - EndLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSignature)
            {
                end = i;
                break;
            }
        }
        if (end < 0)
            return "not a zip archive (no end of central directory)";

        ulong files = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        ulong directoryBytes = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 12));
        var directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
        if (files == ushort.MaxValue || directoryBytes == uint.MaxValue || directoryOffset == uint.MaxValue)
        {
            var zip64 = await ReadZip64EndAsync(archive, tailStart + end, cancellationToken);
            if (zip64 is null)
                return "not a zip archive (damaged zip64 end of central directory)";
            (files, directoryBytes) = zip64.Value;
        }
        if (files > (ulong)limits.MaxFiles)
            return $"the archive declares {files} files; the limit is {limits.MaxFiles}";
        if (directoryBytes > (ulong)limits.MaxDirectoryBytes)
            return $"the archive's central directory is {directoryBytes} bytes; the limit is {limits.MaxDirectoryBytes}";
        return null;
    }

    private static async Task<(ulong Files, ulong DirectoryBytes)?> ReadZip64EndAsync(Stream archive, long endAt, CancellationToken cancellationToken)
    {
        var locatorAt = endAt - Zip64LocatorLength;
        if (locatorAt < 0)
            return null;
        var locator = new byte[Zip64LocatorLength];
        archive.Position = locatorAt;
        await archive.ReadExactlyAsync(locator, cancellationToken);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
            return null;
        var recordAt = BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8));
        if (locatorAt < Zip64EndLength || recordAt > (ulong)(locatorAt - Zip64EndLength))
            return null;
        var record = new byte[Zip64EndLength];
        archive.Position = (long)recordAt;
        await archive.ReadExactlyAsync(record, cancellationToken);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature)
            return null;
        return (BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32)), BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40)));
    }
}
