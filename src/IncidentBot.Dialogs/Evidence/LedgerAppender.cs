using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The ledger's hook in the write path: called by <see cref="DocumentWriter"/> on every attempt,
/// after the change has put its writes in the batch and before the batch is committed. For each
/// incident whose timeline events the unit creates or upserts, it finds the ledger's last entry
/// once, chains one entry per new event and creates the entries in the same batch — so a change
/// and its entries are stored together or not at all. An entry's id is its incident and seq, so a
/// concurrent change of the same incident that took the next seq first makes this unit's create of
/// it conflict, and the unit retries on the new last entry: the chain stays gapless without a head
/// document to replace (one write fewer for every change).
/// </summary>
/// <remarks>
/// Events are upserted when their id makes a rerun harmless (clock and page records). An upserted
/// event that already exists gets no second entry. The last entry is found before the events are
/// looked at, so an event stored by someone else in between is either seen here or has taken the
/// seq this unit would create.
/// </remarks>
internal static class LedgerAppender
{
    public const string SystemActor = "system";

    /// <param name="heads">Tips this process appended: on a unit's first try one of them is used instead of a read.</param>
    /// <returns>The tips the unit moves, by incident, for <paramref name="heads"/> once the unit is committed (null: none).</returns>
    public static async Task<List<(int Number, LedgerTip Tip)>?> AppendAsync(WriteAttempt attempt, LedgerHeads heads, CancellationToken cancellationToken)
    {
        var byIncident = EventsByIncident(attempt.Batch);
        if (byIncident is null)
            return null;
        List<(int, LedgerTip)>? moved = null;
        foreach (var (number, operations) in byIncident)
        {
            var incidentId = new IncidentNumber(number).DocumentId;
            var written = attempt.Batch.Find(incidentId);
            var incident = written?.Document as Incident;
            // A declaration creates the incident, so its ledger cannot exist yet: no read.
            var isDeclaration = written?.Kind == DocumentOperationKind.Create;
            var tip = isDeclaration ? null : await TipAsync(attempt, heads, number, cancellationToken);
            var platform = tip?.Platform ?? incident?.Platform
                ?? (await attempt.ReadAsync<Incident>(incidentId, cancellationToken))?.Value.Platform;

            var chain = tip?.Head ?? LedgerHead.Empty;
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
            }
            if (entries is null)
                continue;
            foreach (var entry in entries)
                attempt.Batch.Create(entry);
            (moved ??= []).Add((number, new LedgerTip(chain, platform)));
        }
        return moved;
    }

    /// <summary>Where the incident's ledger ends: on a first try the tip this process appended, if any; else its last entry as stored.</summary>
    private static async Task<LedgerTip?> TipAsync(WriteAttempt attempt, LedgerHeads heads, int number, CancellationToken cancellationToken)
    {
        if (!attempt.IsRetry && heads.Find(attempt.WorkspaceId, number) is { } known)
            return known;
        var last = await LedgerStore.LastEntryAsync(attempt.Documents, attempt.WorkspaceId, number, cancellationToken);
        return last is null ? null : new LedgerTip(new LedgerHead(last.Seq, last.Hash), Platform: null);
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
        // The thread's scratch buffer and a writer it keeps: a fresh 256-byte buffer grew several times for an event carrying a
        // report's text, the largest allocation of a report joining an incident (PERFORMANCE.md). The element is parsed to its own copy.
        var buffer = ScratchBuffer.Rent();
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
        ScratchBuffer.Return(buffer);
        return data;
    }

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
