using System.Buffers;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Cuts a stream of <c>ledger.jsonl</c> bytes into lines for a <see cref="LedgerChecker"/>,
/// holding at most one line (up to a limit) however long the ledger is.
/// </summary>
internal sealed class LedgerLineSplitter(LedgerChecker checker, int maxLineBytes) : IDisposable
{
    public const int DefaultMaxLineBytes = 1024 * 1024;

    private byte[] _carry = [];
    private int _carryLength;
    private bool _isSkipping; // inside a line longer than the limit
    private bool _hasPartialLine;

    public void Push(ReadOnlyMemory<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.Span.IndexOf((byte)'\n');
            var part = newline < 0 ? chunk : chunk[..newline];
            if (newline >= 0 && !_hasPartialLine && part.Length <= maxLineBytes)
            {
                checker.AddLine(part); // the whole line is in this chunk: no copy
            }
            else
            {
                Append(part.Span);
                if (newline >= 0)
                    EndLine();
            }
            if (newline < 0)
                return;
            chunk = chunk[(newline + 1)..];
        }
    }

    /// <summary>The end of the stream: a last line without a newline is still checked, and reported.</summary>
    public void Complete()
    {
        if (!_hasPartialLine)
            return;
        EndLine();
        checker.MissingFinalNewline();
    }

    public void Dispose()
    {
        if (_carry.Length > 0)
            ArrayPool<byte>.Shared.Return(_carry);
        _carry = [];
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        _hasPartialLine = true;
        if (_isSkipping)
            return;
        if (_carryLength + part.Length > maxLineBytes)
        {
            _isSkipping = true;
            _carryLength = 0;
            return;
        }
        if (_carryLength + part.Length > _carry.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(maxLineBytes, Math.Max(_carryLength + part.Length, _carry.Length * 2)));
            _carry.AsSpan(0, _carryLength).CopyTo(larger);
            Dispose();
            _carry = larger;
        }
        part.CopyTo(_carry.AsSpan(_carryLength));
        _carryLength += part.Length;
    }

    private void EndLine()
    {
        if (_isSkipping)
            checker.AddOversizedLine(maxLineBytes);
        else
            checker.AddLine(_carry.AsMemory(0, _carryLength));
        _isSkipping = false;
        _carryLength = 0;
        _hasPartialLine = false;
    }
}
