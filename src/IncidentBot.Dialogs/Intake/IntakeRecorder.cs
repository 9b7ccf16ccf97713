using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake.Languages;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// Turns a report into the right incident change, stored as one unit with the report itself: a
/// report that shares a trend key, URL or hashtag with an open incident (seen within the merge
/// window) joins it; any other opens an incident, with its trend pointers, so that reports of the
/// same trend arriving at the same moment still make one incident. A regulator's order always
/// opens its own incident and starts its regime's clock from the moment it was received. A repeat
/// of a report (same source and external id) changes nothing and gets the first answer again.
/// </summary>
public sealed class IntakeRecorder(
    DocumentWriter writer,
    IncidentStore incidents,
    IncidentFollowUps followUps,
    WorkQueue work,
    WorkspaceRegistry workspaces,
    ClockKeeper clockKeeper,
    IncidentRules rules,
    TimeProvider clock,
    ILogger<IntakeRecorder> logger)
{
    /// <summary>Rounds of find-then-write before a report gives up; each lost round means another report changed the incident or its keys first.</summary>
    public const int MaxRounds = 12;

    /// <summary>
    /// Operations the reports of one joining group may add to its unit (a report, its timeline
    /// event, its ledger entry, its keys' pointers, its acknowledgement); the rest of a batch's
    /// <see cref="DocumentBatch.MaxOperations"/> is kept for the incident and the digest.
    /// </summary>
    public const int JoinOperationBudget = DocumentBatch.MaxOperations - 20;

    /// <summary>The name of the clock an order's own deadline runs on when it names no regime.</summary>
    public const string OrderDeadlineClock = "order-deadline";

    private readonly IDocumentStore _documents = writer.Documents;
    private readonly IntakeKeyLocks _locks = new();
    private readonly TrendPointerCopies _pointers = new(clock);
    private readonly GroupCommit<PendingJoin> _joins = new(JoinOperationBudget, PendingJoin.Cost);

    private IntakeRules Rules => rules.Intake;

    public async Task<Result<IntakeOutcome>> RecordAsync(WorkspaceId workspace, PlatformId platform, IntakeReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var source = report.Source.Name();
        // No read for a repeat first: the report is created (final) in the unit that joins or opens, so a repeat meets
        // its first delivery there, is written without, and is answered below from the stored copy. A repeat is rare;
        // the read cost every report a round trip to the store (PERFORMANCE.md, issue 13).
        await workspaces.EnsureAsync(workspace, platform, cancellationToken);
        var now = clock.GetUtcNow();
        var isTrusted = Rules.IsTrusted(report);
        var stored = Store(workspace, report, isTrusted, now);
        var reportId = stored.Id;
        // An order is its own matter with its own clock: it neither joins a trend nor lets one join it.
        IReadOnlyList<string> keys = report.Order is null ? MatchKeys.Of(report) : [];
        for (var round = 1; round <= MaxRounds; round++)
        {
            // After a lost round, nothing this process remembers is trusted: the incident is read again.
            var match = await FindAsync(workspace, keys, now, mayUseCopy: round == 1, cancellationToken);
            IntakeOutcome? outcome = null;
            if (match.Incident is { } open)
            {
                outcome = await JoinAsync(workspace, open, match.Pointers, stored, keys, isTrusted);
            }
            else
            {
                using (await _locks.EnterAsync(workspace.Value, keys, cancellationToken))
                {
                    // Another report of this process may have opened it while we waited.
                    match = keys.Count == 0 ? match : await FindAsync(workspace, keys, now, mayUseCopy: false, cancellationToken);
                    if (match.Incident is null)
                        outcome = await OpenAsync(workspace, platform, stored, report, keys, match, cancellationToken);
                }
            }
            if (outcome is not null)
            {
                logger.Recorded(outcome.ReportId, workspace, source, outcome.IncidentNumber, outcome.IsMerged);
                return outcome;
            }
            if (await _documents.ReadAsync<StoredReport>(workspace, reportId, cancellationToken) is { } repeat)
                return IntakeOutcome.Of(repeat.Value, isRepeat: true);
        }
        logger.GaveUp(reportId, workspace, MaxRounds);
        return new UserError("busy", "The incident this report belongs to is changing too fast; nothing was stored. Send the report again.");
    }

    private static StoredReport Store(WorkspaceId workspace, IntakeReport report, bool isTrusted, DateTimeOffset now)
    {
        var (language, confidence, detected) = report.Language is { } given
            ? (given, 1.0, false)
            : Detect(report);
        return new StoredReport
        {
            WorkspaceId = workspace.Value,
            Source = report.Source.Name(),
            ExternalId = report.ExternalId,
            ReceivedAt = report.ReceivedAt,
            StoredAt = now,
            Title = IntakeLifecycle.TitleOf(report),
            Text = report.Text,
            Urls = report.Urls,
            Market = report.Market,
            Language = language,
            LanguageConfidence = confidence,
            IsLanguageDetected = detected,
            SuggestedSeverity = report.Severity,
            TrendKey = report.TrendKey,
            Reporter = report.Reporter,
            IsTrusted = isTrusted,
            Order = report.Order is { } order ? order with { ReceivedAt = order.ReceivedAt ?? report.ReceivedAt } : null,
            Attachments = report.Attachments,
            Origin = report.Origin,
            IncidentNumber = 0,
            IsMerged = false,
            Sequence = 0,
        };
    }

    private static (string? Language, double Confidence, bool Detected) Detect(IntakeReport report)
    {
        var text = report.Text is { Length: > 0 } body ? (report.Title is { Length: > 0 } title ? title + "\n" + body : body) : report.Title ?? "";
        var guess = LanguageDetector.Default.Detect(text);
        return (guess.IsKnown ? guess.Language : null, guess.Confidence, true);
    }

    /// <summary>
    /// The open incident the first of the keys belongs to (within the merge window), and the pointers read
    /// up to it: every key's when none matched (opening needs them all), the rest left to the join's write.
    /// </summary>
    /// <remarks>
    /// The incident is the copy this process last stored when it has one: a join is written with its ETag,
    /// so a copy another process made stale is refused and the join's retry reads it again. A key's pointer is
    /// the one read here less than a few seconds ago, if any (<see cref="TrendPointerCopies"/> says why that is safe).
    /// </remarks>
    private async Task<TrendMatch> FindAsync(WorkspaceId workspaceId, IReadOnlyList<string> keys, DateTimeOffset now, bool mayUseCopy, CancellationToken cancellationToken)
    {
        var pointers = new Dictionary<string, Versioned<TrendPointer>?>(StringComparer.Ordinal);
        var looked = new HashSet<int>();
        foreach (var key in keys)
        {
            var pointer = mayUseCopy && _pointers.Recent(workspaceId.Value, key) is { } copy ? copy : await ReadPointerAsync(workspaceId, key, cancellationToken);
            pointers[key] = pointer;
            if (pointer is null || now - pointer.Value.LastSeenAt > Rules.MergeWindow || !looked.Add(pointer.Value.IncidentNumber))
                continue;
            var number = new IncidentNumber(pointer.Value.IncidentNumber);
            var incident = mayUseCopy
                ? await incidents.FindOpenRecentAsync(workspaceId, number, cancellationToken)
                : await incidents.FindAsync(workspaceId, number, cancellationToken);
            if (incident is { Value.IsOpen: true })
                return new TrendMatch(incident, pointers);
        }
        return new TrendMatch(null, pointers);
    }

    private async Task<Versioned<TrendPointer>?> ReadPointerAsync(WorkspaceId workspaceId, string key, CancellationToken cancellationToken)
    {
        var readAt = clock.GetUtcNow();
        var pointer = await _documents.ReadAsync<TrendPointer>(workspaceId, TrendPointer.IdFor(key), cancellationToken);
        _pointers.Read(workspaceId.Value, key, pointer, readAt);
        return pointer;
    }

    /// <returns>Null when the incident changed under us in a way that needs a fresh look (closed, or too busy), or the report was stored meanwhile.</returns>
    private async Task<IntakeOutcome?> JoinAsync(
        WorkspaceId workspace, Versioned<Incident> open, IReadOnlyDictionary<string, Versioned<TrendPointer>?> pointers,
        StoredReport stored, IReadOnlyList<string> keys, bool isTrusted)
    {
        var join = new PendingJoin(stored, keys, isTrusted, open, pointers);
        await _joins.RunAsync((workspace.Value, open.Value.Number), join, group => WriteJoinsAsync(workspace, open.Value.Key, group));
        return join.Outcome;
    }

    /// <summary>
    /// Writes a group of reports joining one incident as one unit: each report applied in turn (its
    /// own count, version and timeline event, so its own ledger entry), the incident once, the keys'
    /// pointers and the digest mark once. A report stored meanwhile (a repeat that raced its first
    /// delivery) leaves the group, which is written without it; a repeat inside the group waits for
    /// the first copy. Any other conflict or refusal sends every report of the group to look again.
    /// </summary>
    private async Task WriteJoinsAsync(WorkspaceId workspace, IncidentNumber number, IReadOnlyList<PendingJoin> group)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = group.Where(j => seen.Add(j.Stored.Id)).ToList();
        // The newest copy any of them read; a stale one is refused by its ETag and read again.
        var known = pending.MaxBy(j => j.Known.Value.Version)!.Known;
        while (pending.Count > 0)
        {
            var now = clock.GetUtcNow();
            var written = new StoredReport[pending.Count];
            Incident? before = null;
            try
            {
                var joined = await incidents.UpdateManyAsync(workspace.Value, number,
                    incident =>
                    {
                        before = incident;
                        return JoinAll(incident, pending, now);
                    },
                    async (attempt, transitions, token) =>
                    {
                        for (var i = 0; i < transitions.Count; i++)
                        {
                            var incident = transitions[i].Incident;
                            var join = pending[i];
                            written[i] = join.Stored with { IncidentNumber = incident.Number, IsMerged = true, Sequence = incident.ReportCount };
                            attempt.Batch.Create(written[i], isFinal: true);
                            if (join.IsTrusted)
                            {
                                // Announced in the channel (the change post), and the market's team paged at once.
                                followUps.AddTo(attempt, transitions[i]);
                                work.Add(attempt, new WorkRequest(PagingWork.Route, incident.Id));
                            }
                            if (written[i].Origin is not null)
                                work.Add(attempt, new WorkRequest(IntakeWork.Acknowledge, written[i].Id));
                        }
                        // Reports of one trend share their keys: each pointer is read (and maybe refreshed) once per group.
                        await PointAsync(attempt, [.. pending.SelectMany(j => j.Keys).Distinct(StringComparer.Ordinal)], pending, number.Value, now, token);
                        await OweDigestAsync(attempt, before!, transitions[^1].Incident, now, token);
                    },
                    CancellationToken.None, known);
                if (!joined.IsSuccess)
                {
                    if (logger.IsEnabled(LogLevel.Debug))
                        logger.JoinRetried(pending[0].Stored.Id, workspace, number.Value, joined.Error.Code);
                    return;
                }
                for (var i = 0; i < pending.Count; i++)
                    pending[i].Outcome = IntakeOutcome.Of(written[i], isRepeat: false);
                foreach (var transition in joined.Value.Where(t => t.Event.Kind == TimelineKind.SeverityChanged))
                    logger.RaisedByTrustedFlagger(transition.Incident.Number, workspace, transition.Incident.Severity);
                return;
            }
            catch (DocumentConflictException e) when (pending.Find(j => j.Stored.Id == e.DocumentId) is { } repeat)
            {
                // Its first delivery stored it: it answers as a repeat. A replayed batch repeats many at once; the others
                // are looked up now, so the group is written again once, not once for each repeat in it.
                pending.Remove(repeat);
                pending = await NotYetStoredAsync(workspace, pending);
                known = null;
            }
            catch (DocumentConflictException e) when (DeliveryScope.Current?.IsRepeat(e) == true)
            {
                throw; // a replayed chat delivery (written on its own): its handler answers it
            }
            catch (DocumentConflictException e)
            {
                if (logger.IsEnabled(LogLevel.Debug))
                    logger.JoinRetried(pending[0].Stored.Id, workspace, number.Value, "conflict:" + e.DocumentId);
                return;
            }
        }
    }

    /// <summary>The joins whose report is not stored yet; the others are left to answer as repeats.</summary>
    private async Task<List<PendingJoin>> NotYetStoredAsync(WorkspaceId workspace, List<PendingJoin> pending)
    {
        var rest = new List<PendingJoin>(pending.Count);
        foreach (var join in pending)
        {
            if (await _documents.ReadAsync<StoredReport>(workspace.Value, join.Stored.Id, CancellationToken.None) is null)
                rest.Add(join);
        }
        return rest;
    }

    private Result<IReadOnlyList<Transition>> JoinAll(Incident incident, List<PendingJoin> joins, DateTimeOffset now)
    {
        var transitions = new List<Transition>(joins.Count);
        foreach (var join in joins)
        {
            var joined = IntakeLifecycle.Join(incident, join.Stored, join.IsTrusted, Rules.TrustedFlaggerFloor, now);
            if (!joined.IsSuccess)
                return joined.Error;
            transitions.Add(joined.Value);
            incident = joined.Value.Incident;
        }
        return transitions;
    }

    /// <returns>Null when another report opened an incident for one of the keys first (join it instead) or this report was stored meanwhile.</returns>
    private async Task<IntakeOutcome?> OpenAsync(
        WorkspaceId workspace, PlatformId platform, StoredReport stored, IntakeReport report, IReadOnlyList<string> keys, TrendMatch seen, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var draft = IntakeLifecycle.Open(workspace, platform, stored, Rules.SeverityFor(report), now);
        StoredReport? written = null;
        try
        {
            var declared = await incidents.DeclareAsync(draft, now, receipt: null, (attempt, transition) =>
            {
                var incident = transition.Incident;
                written = stored with { IncidentNumber = incident.Number, IsMerged = false, Sequence = 1 };
                attempt.Batch.Create(written, isFinal: true);
                foreach (var key in keys)
                {
                    var pointer = new TrendPointer { WorkspaceId = workspace.Value, Key = key, IncidentNumber = incident.Number, CreatedAt = now, LastSeenAt = now };
                    // Final either way: a pointer someone else took means another incident owns the key now; look again and join it.
                    if (seen.Pointers.GetValueOrDefault(key) is { } stale)
                        attempt.Batch.Replace(pointer, stale.ETag, isFinal: true);
                    else
                        attempt.Batch.Create(pointer, isFinal: true);
                    _pointers.Forget(workspace.Value, key);
                }
                // The declaration announces the first report; the first digest may follow one interval later.
                attempt.Batch.Create(new IntakeDigest
                {
                    WorkspaceId = workspace.Value,
                    IncidentNumber = incident.Number,
                    LastPostedAt = now,
                    PostedReportCount = 1,
                    PostedMarkets = incident.Markets,
                    PostedLanguages = incident.Languages,
                });
                followUps.AddTo(attempt, transition);
                if (stored.Order is { } order)
                    StartOrderClock(attempt, incident, order, now);
                if (written.Origin is not null)
                    work.Add(attempt, new WorkRequest(IntakeWork.Acknowledge, written.Id));
            }, cancellationToken);
            if (!declared.IsSuccess)
                return null;
            logger.Opened(declared.Value.Incident.Number, workspace, stored.Source, declared.Value.Incident.Severity);
            return IntakeOutcome.Of(written!, isRepeat: false);
        }
        catch (DocumentConflictException e) when (e.DocumentId.StartsWith("trend-", StringComparison.Ordinal) || e.DocumentId == stored.Id)
        {
            return null;
        }
    }

    /// <summary>
    /// The order's clock, in the unit that opens its incident: the regime's window, or up to the
    /// order's own deadline, counted from when the order was received (never later than now).
    /// Without either, the auto-start rules start their clocks, also from the receipt.
    /// </summary>
    private void StartOrderClock(WriteAttempt attempt, Incident incident, RegulatorOrder order, DateTimeOffset now)
    {
        var received = order.ReceivedAt is { } at && at < now ? at : now;
        var definition = order.Regime is { } regime ? rules.Clocks.Find(regime) : null;
        TimeSpan? window = order.Deadline is { } deadline ? deadline - received : definition?.Window;
        if (window is not { } length)
            return;
        length = length < ClockRules.MinWindow ? ClockRules.MinWindow : length > ClockRules.MaxWindow ? ClockRules.MaxWindow : length;
        var name = definition?.Name ?? OrderDeadlineClock;
        var started = ClockLifecycle.Start(incident, name, length, received, null, now, definition, rules.Clocks.WarningPointsOf(name), isAutomatic: true);
        if (!started.IsSuccess)
        {
            if (logger.IsEnabled(LogLevel.Warning))
                logger.OrderClockRefused(incident.Number, incident.Workspace(), name, started.Error.Code);
            return;
        }
        attempt.Batch.Create(started.Value);
        attempt.Batch.Upsert(ClockKeeper.Record(incident, started.Value, TimelineKind.ClockStarted, $"g{started.Value.Generation}-start", null, now,
            ClockMessages.StartedRecord(started.Value, incident)));
        clockKeeper.AddSchedule(attempt, incident, started.Value);
    }

    /// <summary>
    /// Points the report's keys at the incident it joined: a key no open incident holds is taken; a
    /// pointer is refreshed only when its last-seen time is older than the intake rules' refresh step.
    /// On the first try a pointer the group's reports read a moment ago is used as read: a replace
    /// carries its ETag, and a retry reads it again.
    /// </summary>
    private async Task PointAsync(WriteAttempt attempt, IReadOnlyList<string> keys, IReadOnlyList<PendingJoin> group, int number, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            var id = TrendPointer.IdFor(key);
            if (attempt.Batch.Contains(id))
                continue;
            var pointer = await attempt.ReadAsync(id, KnownPointer(group, key), cancellationToken);
            var fresh = new TrendPointer { WorkspaceId = attempt.WorkspaceId, Key = key, IncidentNumber = number, CreatedAt = now, LastSeenAt = now };
            if (pointer is null)
            {
                attempt.Batch.Create(fresh);
            }
            else if (pointer.Value.IncidentNumber == number)
            {
                if (now - pointer.Value.LastSeenAt >= Rules.PointerRefresh)
                    attempt.Batch.Replace(pointer.Value with { LastSeenAt = now }, pointer.ETag);
            }
            else if (now - pointer.Value.LastSeenAt > Rules.MergeWindow
                || await attempt.ReadAsync<Incident>(new IncidentNumber(pointer.Value.IncidentNumber).DocumentId, cancellationToken) is not { Value.IsOpen: true })
            {
                // The key's old incident is over or out of the window: the key follows the trend here.
                attempt.Batch.Replace(fresh, pointer.ETag);
            }
            if (attempt.Batch.Contains(id))
                _pointers.Forget(attempt.WorkspaceId, key);
        }
    }

    /// <summary>
    /// The key's pointer as the group's reports found it, the latest-seen copy of those they found (a key none
    /// read, or all found free, is read now); an older copy would only make a refresh conflict and retry.
    /// </summary>
    private static Versioned<TrendPointer>? KnownPointer(IReadOnlyList<PendingJoin> group, string key)
    {
        Versioned<TrendPointer>? newest = null;
        foreach (var join in group)
        {
            if (join.Pointers.GetValueOrDefault(key) is { } pointer && (newest is null || pointer.Value.LastSeenAt > newest.Value.LastSeenAt))
                newest = pointer;
        }
        return newest;
    }

    /// <summary>
    /// The channel is owed a digest: marked on the incident's digest document, and its job requested when none was owed yet;
    /// left alone when a round is bound to come anyway (<paramref name="before"/>, the incident before these joins, says so:
    /// <see cref="DigestCadence"/>).
    /// </summary>
    private async Task OweDigestAsync(WriteAttempt attempt, Incident before, Incident incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (DigestCadence.IsRoundComing(before, now, Rules))
            return;
        var digest = await attempt.ReadAsync<IntakeDigest>(IntakeDigest.IdFor(incident.Number), cancellationToken);
        if (digest is null)
        {
            attempt.Batch.Create(new IntakeDigest { WorkspaceId = incident.WorkspaceId, IncidentNumber = incident.Number, PendingSince = now });
            work.Add(attempt, new WorkRequest(IntakeWork.Digest, incident.Id, now));
            return;
        }
        // Already owed: nothing to write. Not touching the document keeps a storm's joins from racing the
        // digest's claim for its ETag; a report that joins while a digest is claimed is caught when the
        // digest records what it posted (it compares the incident's count with the count it posted).
        if (digest.Value.PendingSince is not null)
            return;
        attempt.Batch.Replace(digest.Value with { PendingSince = now }, digest.ETag);
        var due = (digest.Value.LastPostedAt ?? now) + Rules.DigestInterval;
        work.Add(attempt, new WorkRequest(IntakeWork.Digest, incident.Id, due > now ? due : now));
    }

    /// <summary>A report waiting to join an incident with others (<see cref="GroupCommit{TItem}"/>); the group's write sets its outcome.</summary>
    private sealed class PendingJoin(
        StoredReport stored, IReadOnlyList<string> keys, bool isTrusted, Versioned<Incident> known, IReadOnlyDictionary<string, Versioned<TrendPointer>?> pointers)
    {
        public StoredReport Stored { get; } = stored;

        public IReadOnlyList<string> Keys { get; } = keys;

        public bool IsTrusted { get; } = isTrusted;

        public Versioned<Incident> Known { get; } = known;

        /// <summary>The keys' pointers as this report's look found them (not every key: the look stops at the first match).</summary>
        public IReadOnlyDictionary<string, Versioned<TrendPointer>?> Pointers { get; } = pointers;

        /// <summary>Null until written; left null when the report must look again.</summary>
        public IntakeOutcome? Outcome { get; set; }

        /// <summary>
        /// A trusted flagger's report (a severity change, a page, a post) and a chat message (its
        /// delivery's claim rides in the unit its own request writes) are written on their own.
        /// </summary>
        public static int Cost(PendingJoin join) =>
            join.IsTrusted || join.Stored.Origin is not null ? JoinOperationBudget : 3 + join.Keys.Count;
    }

    private sealed record TrendMatch(Versioned<Incident>? Incident, IReadOnlyDictionary<string, Versioned<TrendPointer>?> Pointers);
}
