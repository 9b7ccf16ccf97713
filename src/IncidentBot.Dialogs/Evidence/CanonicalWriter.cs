using System.Buffers;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Writes into an <see cref="IBufferWriter{T}"/> through a cached span, so that writing one
/// token costs a bounds check rather than a GetSpan/Advance pair.
/// </summary>
internal ref struct CanonicalWriter(IBufferWriter<byte> output)
{
    private const int MinimumChunk = 512;
    private Span<byte> _span;
    private int _position;
    private long _flushed;

    /// <summary>Bytes written since this writer was made, flushed or not.</summary>
    public readonly long Written => _flushed + _position;

    /// <summary>A span of at least <paramref name="count"/> free bytes; say how many were used with <see cref="Advance"/>.</summary>
    public Span<byte> Reserve(int count)
    {
        if (_span.Length - _position < count)
            Renew(count);
        return _span[_position..];
    }

    public void Advance(int count) => _position += count;

    public void Write(byte value)
    {
        if (_position == _span.Length)
            Renew(1);
        _span[_position++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            if (_position == _span.Length)
                Renew(Math.Min(bytes.Length, 64 * 1024));
            var room = Math.Min(bytes.Length, _span.Length - _position);
            bytes[..room].CopyTo(_span[_position..]);
            _position += room;
            bytes = bytes[room..];
        }
    }

    /// <summary>Hands what was written to the output; call once at the end.</summary>
    public void Flush()
    {
        if (_position == 0)
            return;
        output.Advance(_position);
        _flushed += _position;
        _position = 0;
        _span = default;
    }

    private void Renew(int count)
    {
        Flush();
        _span = output.GetSpan(Math.Max(count, MinimumChunk));
    }
}
