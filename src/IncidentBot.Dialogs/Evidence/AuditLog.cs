using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The audit log: every read of a restricted incident and every use of an admin key, as a ledger
/// of its own with the same chain rules (seq from 1 without gaps, SHA-256 over the previous hash
/// and the canonical entry), kept in the <see cref="Partition"/> partition. Appends from this
/// process take turns and reuse the head they stored; another process's append makes the head's
/// ETag stale, and the unit retries on the fresh head.
/// </summary>
public sealed class AuditLog(DocumentWriter writer, LedgerStore ledgers, TimeProvider clock) : IDisposable
{
    /// <summary>The partition of the audit log, beside the workspaces' (like the registry's <c>_registry</c>).</summary>
    public const string Partition = "_audit";

    /// <summary>The audit log's chain, stored like an incident's ledger under this number.</summary>
    public static readonly IncidentNumber Chain = new(0);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Versioned<LedgerHeadDocument>? _head;

    /// <summary>Appends the record; the caller should not serve what it audits if this throws.</summary>
    public async Task<LedgerEntry> RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var committed = await writer.WriteAsync(Partition, async (attempt, token) =>
            {
                var head = attempt.IsRetry || _head is null
                    ? await attempt.ReadAsync<LedgerHeadDocument>(LedgerHeadDocument.IdFor(Chain.Value), token)
                    : _head;
                var entry = LedgerChain.Next(head?.Value.Head ?? LedgerHead.Empty, clock.GetUtcNow(), record.Actor, record.Action, Data(record));
                var moved = new LedgerHeadDocument { WorkspaceId = Partition, IncidentNumber = Chain.Value, Seq = entry.Seq, Hash = entry.Hash, At = entry.At };
                attempt.Batch.Save(moved, head?.ETag);
                attempt.Batch.Create(LedgerEntryDocument.Of(Partition, Chain.Value, entry));
                return (Entry: entry, Head: moved);
            }, cancellationToken);
            _head = committed.Versioned(committed.Value.Head);
            return committed.Value.Entry;
        }
        catch
        {
            _head = null; // unknown now: read it next time
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Entries recorded at or after <paramref name="from"/> and before <paramref name="to"/>, in seq order.</summary>
    public IAsyncEnumerable<LedgerEntry> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        ledgers.ReadAsync(Partition, Chain, 0, null, cancellationToken, from, to);

    /// <summary>Every entry, in seq order (for checking the chain whole).</summary>
    public IAsyncEnumerable<LedgerEntry> ReadAllAsync(CancellationToken cancellationToken) =>
        ledgers.ReadAsync(Partition, Chain, 0, null, cancellationToken);

    public void Dispose() => _gate.Dispose();

    private static JsonElement Data(AuditRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("target", record.Target);
            if (record.Address is { } address)
                json.WriteString("address", address);
            if (record.WorkspaceId is { } workspace)
                json.WriteString("workspace", workspace);
            if (record.IncidentNumber is { } number)
                json.WriteNumber("incident", number);
            json.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
