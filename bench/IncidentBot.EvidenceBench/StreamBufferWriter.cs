using System.Buffers;

namespace IncidentBot.EvidenceBench;

/// <summary>An <see cref="IBufferWriter{T}"/> that appends to a stream, to lay ledger lines out in memory.</summary>
internal sealed class StreamBufferWriter(Stream stream) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[4096];

    public void Advance(int count) => stream.Write(_buffer, 0, count);

    public Memory<byte> GetMemory(int sizeHint = 0) => Buffer(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Buffer(sizeHint);

    private byte[] Buffer(int sizeHint)
    {
        if (_buffer.Length < sizeHint)
            _buffer = new byte[sizeHint];
        return _buffer;
    }
}
