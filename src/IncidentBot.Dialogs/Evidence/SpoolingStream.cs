using System.Buffers;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Sits between <see cref="System.IO.Compression.ZipArchive"/> and the real destination:
/// the archive writes some headers synchronously (an entry stream's dispose does), which a
/// response body refuses, so writes are gathered here and sent on asynchronously by
/// <see cref="DrainAsync"/>, which the package writer calls after each step. What is held
/// between two drains is one step's output, so memory stays flat.
/// </summary>
internal sealed class SpoolingStream(Stream destination) : Stream
{
    private readonly ArrayBufferWriter<byte> _pending = new(96 * 1024);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Sends what has been written so far on to the destination.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_pending.WrittenCount == 0)
            return;
        await destination.WriteAsync(_pending.WrittenMemory, cancellationToken);
        _pending.ResetWrittenCount();
    }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override void WriteByte(byte value) => _pending.Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _pending.Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _pending.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
        // Nothing: bytes go on at the next drain.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
