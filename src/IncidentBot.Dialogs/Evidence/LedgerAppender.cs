using System.Buffers;
using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The ledger's hook in the write path: called by <see cref="DocumentWriter"/> on every attempt,
/// after the change has put its writes in the batch and before the batch is committed. For each
/// incident whose timeline events the unit creates or upserts, it reads the ledger head once,
/// chains one entry per new event, and adds the entries and the moved head to the same batch —
/// so a change and its entries are stored together or not at all, and a concurrent change to the
/// same incident conflicts on the head's ETag and retries on the new head.
/// </summary>
/// <remarks>
/// Events are upserted when their id makes a rerun harmless (clock and page records). An upserted
/// event that already exists gets no second entry. The head is read before the events, so an event
/// stored by someone else in between is either seen here or makes the head's ETag stale.
/// </remarks>
internal static class LedgerAppender
{
    public const string SystemActor = "system";

    /// <param name="heads">Heads this process stored: on a unit's first try one of them is used instead of a read.</param>
    public static async Task AppendAsync(WriteAttempt attempt, LedgerHeads heads, CancellationToken cancellationToken)
    {
        var byIncident = EventsByIncident(attempt.Batch);
        if (byIncident is null)
            return;
        foreach (var (number, operations) in byIncident)
        {
            var incident = attempt.Batch.Find(new IncidentNumber(number).DocumentId)?.Document as Incident;
            // A declaration creates the incident, so its ledger cannot exist yet: no read.
            var isDeclaration = attempt.Batch.Find(new IncidentNumber(number).DocumentId)?.Kind == DocumentOperationKind.Create;
            var head = isDeclaration ? null : await attempt.ReadAsync(LedgerHeadDocument.IdFor(number), heads.Find(attempt.WorkspaceId, number), cancellationToken);
            var platform = head?.Value.Platform ?? incident?.Platform
                ?? (await attempt.ReadAsync<Incident>(new IncidentNumber(number).DocumentId, cancellationToken))?.Value.Platform;

            var chain = head?.Value.Head ?? LedgerHead.Empty;
            var at = head?.Value.At ?? default;
            List<LedgerEntryDocument>? entries = null;
            foreach (var operation in operations)
            {
                var recorded = (TimelineEvent)operation.Document!;
                if (operation.Kind == DocumentOperationKind.Upsert
                    && await attempt.ReadAsync<TimelineEvent>(recorded.Id, cancellationToken) is not null)
                    continue; // recorded before, with its entry
                var entry = LedgerChain.Next(chain, recorded.At, Actor(platform, recorded.Actor), LedgerKind.Of(recorded.Kind),
                    Data(recorded, recorded.Kind == TimelineKind.Declared ? incident : null));
                (entries ??= []).Add(LedgerEntryDocument.Of(attempt.WorkspaceId, number, entry));
                chain = entry.Head;
                at = entry.At;
            }
            if (entries is null)
                continue;
            attempt.Batch.Save(new LedgerHeadDocument
            {
                WorkspaceId = attempt.WorkspaceId,
                IncidentNumber = number,
                Seq = chain.Seq,
                Hash = chain.Hash,
                At = at,
                Platform = platform,
            }, head?.ETag);
            foreach (var entry in entries)
                attempt.Batch.Create(entry);
        }
    }

    /// <summary><c>slack:U123</c>, or <see cref="SystemActor"/> when the bot acted on its own.</summary>
    public static string Actor(PlatformId? platform, UserId? user) =>
        user is not { } who ? SystemActor : platform is not { } on ? who.Value : on.Value + ":" + who.Value;

    /// <summary>Timeline events the batch writes, grouped by incident in batch order; null when there are none.</summary>
    private static List<(int Number, List<DocumentOperation> Operations)>? EventsByIncident(DocumentBatch batch)
    {
        List<(int, List<DocumentOperation>)>? groups = null;
        foreach (var operation in batch.Operations)
        {
            if (operation.Document is not TimelineEvent recorded || operation.Kind is not (DocumentOperationKind.Create or DocumentOperationKind.Upsert))
                continue;
            groups ??= [];
            var group = groups.Find(g => g.Item1 == recorded.IncidentNumber).Item2;
            if (group is null)
                groups.Add((recorded.IncidentNumber, [operation]));
            else
                group.Add(operation);
        }
        return groups;
    }

    /// <summary>The facts of an event; a declaration also gets what was declared.</summary>
    internal static JsonElement Data(TimelineEvent recorded, Incident? declared)
    {
        // One buffer and writer per thread: a fresh 256-byte buffer grew several times for an event carrying a report's
        // text, the largest allocation of a report joining an incident (PERFORMANCE.md). The element is parsed to its own copy.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var json = t_writer ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        {
            json.WriteStartObject();
            json.WriteString("event", recorded.Id);
            if (recorded.Version is { } version)
                json.WriteNumber("version", version);
            WriteIfSet(json, "text", recorded.Text);
            WriteIfSet(json, "from", recorded.From);
            WriteIfSet(json, "to", recorded.To);
            WriteIfSet(json, "link", recorded.Link);
            if (recorded.Details is { Count: > 0 } details)
            {
                json.WriteStartObject("details");
                foreach (var (name, value) in details)
                    json.WriteString(name, value);
                json.WriteEndObject();
            }
            if (declared is not null)
            {
                json.WriteStartObject("incident");
                json.WriteString("title", declared.Title);
                WriteIfSet(json, "description", declared.Description);
                json.WriteString("severity", declared.Severity.Label());
                json.WriteString("source", declared.Source.Name());
                WriteList(json, "markets", declared.Markets);
                WriteList(json, "languages", declared.Languages);
                json.WriteBoolean("restricted", declared.IsRestricted);
                json.WriteString("reporter", declared.Reporter.Value);
                json.WriteString("platform", declared.Platform.Value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.Flush();
        }
        var data = JsonElement.Parse(buffer.WrittenSpan);
        if (buffer.Capacity > MaxKeptBuffer)
            t_buffer = null;
        return data;
    }

    /// <summary>A buffer grown past this for one large event is not kept for the thread's next one.</summary>
    private const int MaxKeptBuffer = 64 * 1024;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
