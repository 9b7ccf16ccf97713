using System.Buffers.Binary;
using System.IO.Compression;
using IncidentBot.Dialogs.Evidence;

namespace IncidentBot.Dialogs.Tests.Evidence;

/// <summary>Hostile archives: each is reported invalid, within the limits, without throwing and without extracting anything.</summary>
public sealed class EvidenceVerifierSafetyTests
{
    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("reports/../../escape.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("reports\\..\\escape.txt")]
    [InlineData("C:/Windows/escape.txt")]
    [InlineData("reports/./x")]
    [InlineData("reports/\u0007bell")]
    public async Task A_name_that_could_climb_out_of_the_folder_is_refused_unread(string name)
    {
        var zip = await ExportAsync();
        var hostile = ZipFiles.Write([.. ZipFiles.Read(zip), (name, "x"u8.ToArray())]);

        var result = await EvidencePackageTests.VerifyAsync(hostile);

        Assert.False(result.Valid);
        Assert.Single(result.Problems);
        Assert.EndsWith("is not a safe relative path; it was not read", result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_outside_the_layout_is_refused()
    {
        var hostile = ZipFiles.Write([.. ZipFiles.Read(await ExportAsync()), ("run-me.sh", "x"u8.ToArray())]);

        var result = await EvidencePackageTests.VerifyAsync(hostile);

        Assert.Equal(["\"run-me.sh\" is not part of an evidence package"], result.Problems);
    }

    [Fact]
    public async Task A_file_that_appears_twice_counts_as_neither()
    {
        var files = ZipFiles.Read(await ExportAsync());
        var hostile = ZipFiles.Write([.. files, ("postmortem.md", "# a different story"u8.ToArray())]);

        var result = await EvidencePackageTests.VerifyAsync(hostile);

        Assert.False(result.Valid);
        Assert.Equal(["\"postmortem.md\" appears more than once in the archive"], result.Problems);
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_before_it_is_inflated()
    {
        var bomb = new byte[64 * 1024 * 1024]; // 64 MiB of zeros deflates to about 64 KiB
        var hostile = ZipFiles.Write([.. ZipFiles.Read(await ExportAsync()), ("reports/r-9/bomb.bin", bomb)], CompressionLevel.SmallestSize);

        var result = await EvidencePackageTests.VerifyAsync(hostile);

        Assert.Contains("\"reports/r-9/bomb.bin\" inflates more than 100 times; it was not read", result.Problems);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_unread()
    {
        var limits = EvidenceLimits.Default with { MaxFileBytes = 1000 };
        var hostile = ZipFiles.Write([.. ZipFiles.Read(await ExportAsync()), ("reports/r-9/big.bin", new byte[2000])]);

        var result = await EvidencePackageTests.VerifyAsync(hostile, limits);

        Assert.Contains("\"reports/r-9/big.bin\" is 2000 bytes; the limit is 1000", result.Problems);
    }

    [Fact]
    public async Task Files_adding_up_to_more_than_the_total_limit_stop_the_check()
    {
        var limits = EvidenceLimits.Default with { MaxTotalBytes = 4000 };
        var hostile = ZipFiles.Write([.. ZipFiles.Read(await ExportAsync()), ("reports/r-9/big.bin", new byte[5000])]);

        var result = await EvidencePackageTests.VerifyAsync(hostile, limits);

        Assert.False(result.Valid);
        Assert.Equal(["the archive's files add up to more than 4000 bytes; it was not read further"], result.Problems);
    }

    [Fact]
    public async Task A_file_that_inflates_beyond_its_declared_size_is_not_read_on()
    {
        var files = ZipFiles.Read(await ExportAsync());
        var zip = ZipFiles.Write([.. files, ("reports/r-9/liar.bin", Enumerable.Repeat((byte)'a', 100_000).ToArray())]);
        DeclareSize(zip, "reports/r-9/liar.bin", 1000);

        var result = await EvidencePackageTests.VerifyAsync(zip);

        Assert.False(result.Valid);
        Assert.Contains(result.Problems, p => p.StartsWith("\"reports/r-9/liar.bin\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_archive_declaring_more_files_than_the_limit_is_refused_before_its_directory_is_read()
    {
        var limits = EvidenceLimits.Default with { MaxFiles = 4 };

        var result = await EvidencePackageTests.VerifyAsync(await ExportAsync(), limits);

        Assert.Equal(["the archive declares 6 files; the limit is 4"], result.Problems);
    }

    [Fact]
    public async Task A_central_directory_over_the_limit_is_refused_before_it_is_read()
    {
        var limits = EvidenceLimits.Default with { MaxDirectoryBytes = 100 };

        var result = await EvidencePackageTests.VerifyAsync(await ExportAsync(), limits);

        Assert.Single(result.Problems);
        Assert.StartsWith("the archive's central directory is ", result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_archive_over_the_size_limit_is_refused_unread()
    {
        var limits = EvidenceLimits.Default with { MaxArchiveBytes = 1000 };
        var zip = await ExportAsync();

        var result = await EvidencePackageTests.VerifyAsync(zip, limits);

        Assert.Equal([$"the archive is {zip.Length} bytes; the limit is 1000"], result.Problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    [InlineData(5000)]
    public async Task Bytes_that_are_not_a_zip_are_reported_not_thrown(int length)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

        var result = await EvidencePackageTests.VerifyAsync(bytes);

        Assert.False(result.Valid);
        Assert.Single(result.Problems);
        Assert.StartsWith("not a zip archive", result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_archive_is_reported_not_thrown()
    {
        var zip = await ExportAsync();

        var result = await EvidencePackageTests.VerifyAsync(zip[..(zip.Length / 2)]);

        Assert.False(result.Valid);
        Assert.StartsWith("not a zip archive", result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_stream_that_cannot_seek()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => EvidenceVerifier.VerifyAsync(new GZipStream(new MemoryStream(), CompressionMode.Decompress), CancellationToken.None));
    }

    private static Task<byte[]> ExportAsync() => EvidencePackageTests.ExportAsync(LedgerBuilder.Build(5));

    /// <summary>Rewrites the uncompressed size a zip declares for one file, in its local header and its central directory record.</summary>
    private static void DeclareSize(byte[] zip, string name, uint size)
    {
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            var (sizeAt, nameLengthAt, nameAt) = signature switch
            {
                0x04034b50 => (22, 26, 30), // local file header
                0x02014b50 => (24, 28, 46), // central directory record
                _ => (0, 0, 0),
            };
            if (sizeAt == 0)
                continue;
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + nameLengthAt));
            if (nameLength == nameBytes.Length && zip.AsSpan(i + nameAt, nameLength).SequenceEqual(nameBytes))
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + sizeAt), size);
        }
    }
}
