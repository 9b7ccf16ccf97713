using System.Globalization;
using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Demo;

/// <summary>
/// A month of Trust &amp; Safety incidents ending at the clock's now, written through the domain's
/// own stores and lifecycles (the incident state machine, clock lifecycle, pages, post-mortems,
/// action items), so every document is one the bot itself could have written. The same seed and
/// the same now give the same month.
/// </summary>
internal sealed class DemoMonth
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly IDocumentStore _documents;
    private readonly DocumentWriter _writer;
    private readonly IncidentStore _incidents;
    private readonly PageStore _pages;
    private readonly ActionItemStore _actionItems;
    private readonly WorkspaceRegistry _workspaces;
    private readonly IncidentRules _rules;
    private readonly ReplayClock _clock;
    private readonly Random _random;
    private readonly string _workspace;
    private readonly PlatformId _platform;
    private readonly DemoPeople _people;
    private readonly OnCallConfig _nightHours = new();
    private Tally _tally = new();

    public DemoMonth(IDocumentStore documents, IncidentRules rules, ReplayClock clock, string workspace, string platform, int seed)
    {
        _documents = documents;
        _writer = new DocumentWriter(documents);
        _incidents = new IncidentStore(_writer);
        _pages = new PageStore(_writer, clock);
        _actionItems = new ActionItemStore(_writer);
        _workspaces = new WorkspaceRegistry(documents, clock);
        _rules = rules;
        _clock = clock;
        _random = new Random(seed);
        _workspace = workspace;
        _platform = PlatformId.From(platform);
        _people = DemoPeople.For(platform);
    }

    /// <summary>The incidents already in the workspace (the demo writes only into an empty one).</summary>
    public async Task<int> CountExistingAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in _incidents.ListAsync(_workspace, new IncidentFilter { Limit = 1000 }, cancellationToken))
            count++;
        return count;
    }

    public async Task<DemoCounts> WriteAsync(CancellationToken cancellationToken)
    {
        _tally = new Tally();
        _clock.Set(_clock.End - TimeSpan.FromDays(30));
        await _workspaces.EnsureAsync(new WorkspaceId(_workspace), _platform, cancellationToken);
        foreach (var story in Stories().OrderBy(s => s.DeclaredAt))
            await PlayAsync(story, cancellationToken);
        _clock.Set(_clock.End);
        return _tally.ToCounts();
    }

    // ---- the month ----------------------------------------------------------------------------

    private List<Story> Stories()
    {
        var end = _clock.End;
        var p = _people;
        var stories = new List<Story>();

        // India: government takedown orders under the IT Rules (3 h clock, started on declaration) and
        // the 15-minute acknowledgement target; two of them answered late.
        string[] indiaOrders =
        [
            "MeitY blocking order: deepfake video of a minister",
            "Court order: defamatory posts about a Mumbai business",
            "Sahyog portal notice: fake loan-app ads",
            "Government notice: communal rumour video in Bhojpuri",
            "Court order: leaked exam papers shared in groups",
            "MeitY notice: impersonation of a police account",
        ];
        for (var i = 0; i < indiaOrders.Length; i++)
        {
            var late = i is 1 or 4;
            var open = i == indiaOrders.Length - 1;
            stories.Add(new Story
            {
                Title = indiaOrders[i],
                Severity = i % 3 == 0 ? Severity.Sev1 : Severity.Sev2,
                Source = IncidentSource.Regulator,
                Markets = ["IN"],
                Languages = i == 3 ? ["bho", "hi"] : ["hi", "en"],
                DeclaredAt = open ? end - Hours(1.5) : end - Days(27 - (i * 4.3)) + Jitter(),
                Reporter = p.Sunita,
                Lead = p.Aoife,
                Comms = p.Luc,
                OnCall = p.Sunita,
                Acknowledge = Minutes(6 + _random.Next(8)),
                Mitigate = open ? null : late ? Hours(3.6) : Hours(1.5 + _random.NextDouble()),
                Resolve = open ? null : Hours(5 + _random.Next(10)),
                Close = open || i == 4 ? null : Days(3),
                Clocks =
                [
                    new("regulator-ack", Automatic: true, Met: Minutes(i == 1 ? 22 : 9)),
                    new("in-takedown-order", Automatic: true, Met: open ? null : late ? Hours(3.5) : Hours(1.4 + _random.NextDouble())),
                ],
                Reports = 1,
            });
        }

        // EU terrorist content orders: one hour from receipt, paused while an order is unclear.
        string[] tcoOrders =
        [
            "EU TCO removal order (BKA): propaganda video re-uploads",
            "EU TCO removal order (Europol referral): livestream clip",
            "EU TCO removal order (OCLCTIC): recruitment channel",
            "EU TCO removal order (DSA coordinator): manifesto PDF",
        ];
        for (var i = 0; i < tcoOrders.Length; i++)
        {
            stories.Add(new Story
            {
                Title = tcoOrders[i],
                Severity = Severity.Sev1,
                Source = IncidentSource.Regulator,
                Markets = [i == 2 ? "FR" : "DE"],
                Languages = [i == 2 ? "fr" : "de", "ar"],
                DeclaredAt = end - Days(24 - (i * 6.5)) + Jitter(),
                Reporter = p.Luc,
                Lead = p.Aoife,
                Comms = p.Grace,
                Scribe = p.Luc,
                OnCall = p.Aoife,
                EscalateTo = i == 1 ? p.Malik : null,
                Acknowledge = Minutes(i == 1 ? 14 : 4),
                Mitigate = Minutes(i is 1 or 2 ? 95 : 40),
                Resolve = Hours(6),
                Close = i == 3 ? null : Days(4),
                Clocks =
                [
                    new("regulator-ack", Automatic: true, Met: Minutes(i == 1 ? 16 : 5)),
                    // Received a few minutes before it was declared: the clock runs from receipt.
                    new("eu-tco-removal", Automatic: false, Met: Minutes(i == 1 ? 95 : i == 2 ? 90 : 38), ReceivedBefore: Minutes(7),
                        Pause: i == 2 ? (Minutes(20), Minutes(45)) : null),
                ],
                Reports = 1,
            });
        }

        // Trusted partners: 24 h to respond; one answered late, one still running.
        string[] partners =
        [
            "Partner escalation (child-safety hotline): grooming ring in comments",
            "Partner escalation (election commission): fake polling-station notices",
            "Partner escalation (fact-checker): viral flood hoax video",
            "Partner escalation (NGO): doxxing of journalists",
            "Partner escalation (industry hash-sharing): new violent extremist hashes",
            "Partner escalation (fact-checker): AI voice clone of a news anchor",
        ];
        for (var i = 0; i < partners.Length; i++)
        {
            var open = i == partners.Length - 1;
            stories.Add(new Story
            {
                Title = partners[i],
                Severity = i == 0 ? Severity.Sev1 : Severity.Sev3,
                Source = IncidentSource.Partner,
                Markets = i switch { 1 => ["NP"], 2 => ["IN", "BD"], 3 => ["GH"], _ => ["GB", "IE"] },
                Languages = i switch { 1 => ["ne"], 2 => ["bn", "hi"], _ => ["en"] },
                DeclaredAt = open ? end - Hours(7) : end - Days(28 - (i * 5)) + Jitter(),
                Reporter = p.Grace,
                Lead = i % 2 == 0 ? p.Malik : p.Grace,
                OnCall = p.Aoife,
                Acknowledge = Minutes(12 + _random.Next(40)),
                Mitigate = open ? null : i == 3 ? Hours(30) : Hours(4 + _random.Next(12)),
                Resolve = open ? null : i == 3 ? Hours(40) : Hours(20),
                Close = open || i == 2 ? null : Days(5),
                Clocks = [new("partner-response", Automatic: true, Met: open ? null : i == 3 ? Hours(27) : Hours(3 + _random.Next(15)))],
                Reports = 1 + _random.Next(4),
            });
        }

        // The storm: Nepali and Bhojpuri hate speech and threats trending in NP and IN over three days,
        // starting at night on a weekend in Kathmandu.
        string[] storm =
        [
            "Trend: नेपाली भाषामा घृणा फैलाउने पोस्टहरू (hate posts in Nepali)",
            "Trend: भोजपुरी वीडियो में हिंसा के धमकी (threats in Bhojpuri videos)",
            "Trend: doctored Madhesh protest clips (ne, bho)",
            "Trend: slur hashtag in Nepali comments",
            "Trend: Bhojpuri songs with calls to violence",
            "Trend: fake curfew notices in Janakpur (ne)",
            "Trend: re-uploads of the Birgunj clash video",
            "Trend: coordinated brigading of Nepali news pages",
            "Trend: Bhojpuri voice notes with threats, forwarded",
            "Trend: migrant workers targeted in Nepali posts",
            "Trend: Devanagari spam wave riding the storm hashtags",
            "Trend: Bhojpuri livestream with incitement",
        ];
        var stormStart = NightBefore(end - Days(9), DemoPeople.Kathmandu);
        for (var i = 0; i < storm.Length; i++)
        {
            var cancelled = i == 10;
            var declared = stormStart + Hours(i * 5.5) + Jitter();
            stories.Add(new Story
            {
                Title = storm[i],
                Severity = i < 3 ? Severity.Sev2 : Severity.Sev3,
                Source = IncidentSource.Trending,
                Markets = i % 3 == 1 ? ["IN", "NP"] : ["NP", "IN"],
                Languages = i % 2 == 0 ? ["ne", "bho"] : ["bho", "ne"],
                DeclaredAt = declared,
                Reporter = p.Bikash,
                Lead = i % 2 == 0 ? p.Bikash : p.Sunita,
                Scribe = i < 3 ? p.Aoife : null,
                OnCall = p.Bikash,
                EscalateTo = i == 0 ? p.Sunita : null,
                Acknowledge = Minutes(i == 0 ? 17 : 3 + _random.Next(25)),
                Mitigate = cancelled ? null : Hours(1 + _random.Next(6)),
                Resolve = cancelled ? null : Hours(8 + _random.Next(30)),
                Close = cancelled || i % 4 == 3 ? null : Days(2 + _random.Next(3)),
                Cancel = cancelled ? Minutes(40) : null,
                Reports = 12 + _random.Next(240),
                FirstReportBefore = Minutes(20 + _random.Next(90)),
            });
        }

        // Everyday work: internal findings and user reports, including the open ones of today.
        (string Title, Severity Severity, IncidentSource Source, string Market, string Language, IncidentStatus State)[] everyday =
        [
            ("Spam wave: crypto giveaway replies", Severity.Sev3, IncidentSource.Internal, "US", "en", IncidentStatus.Closed),
            ("Classifier outage: nudity model returning timeouts", Severity.Sev2, IncidentSource.Internal, "US", "en", IncidentStatus.Closed),
            ("User reports: self-harm challenge on short videos", Severity.Sev2, IncidentSource.UserReport, "GB", "en", IncidentStatus.Closed),
            ("Review queue backlog in Hindi over 24 h", Severity.Sev3, IncidentSource.Internal, "IN", "hi", IncidentStatus.Resolved),
            ("User reports: scam job offers in Nepali", Severity.Sev3, IncidentSource.UserReport, "NP", "ne", IncidentStatus.Resolved),
            ("Duplicate of INC for the spam wave", Severity.Sev4, IncidentSource.Internal, "US", "en", IncidentStatus.Cancelled),
            ("Appeals form failing for Bhojpuri locale", Severity.Sev3, IncidentSource.UserReport, "IN", "bho", IncidentStatus.Mitigated),
            ("Harassment raid on a Ghanaian creator", Severity.Sev2, IncidentSource.UserReport, "GH", "en", IncidentStatus.Investigating),
            ("Impersonation accounts of a French minister", Severity.Sev3, IncidentSource.Internal, "FR", "fr", IncidentStatus.Mitigated),
            ("Sextortion reports rising in Kathmandu valley", Severity.Sev2, IncidentSource.UserReport, "NP", "ne", IncidentStatus.Investigating),
            ("Hash-match queue stalled", Severity.Sev2, IncidentSource.Internal, "US", "en", IncidentStatus.Declared),
            ("User reports: fake Diwali lottery in Bhojpuri", Severity.Sev4, IncidentSource.UserReport, "IN", "bho", IncidentStatus.Declared),
        ];
        for (var i = 0; i < everyday.Length; i++)
        {
            var (title, severity, source, market, language, state) = everyday[i];
            var recent = state is IncidentStatus.Declared or IncidentStatus.Investigating or IncidentStatus.Mitigated;
            stories.Add(new Story
            {
                Title = title,
                Severity = severity,
                Source = source,
                Markets = [market],
                Languages = [language],
                DeclaredAt = recent ? end - Hours(2 + (i * 3.7)) : end - Days(26 - (i * 3.1)) + Jitter(),
                Reporter = i % 2 == 0 ? p.Malik : p.Grace,
                Lead = state is IncidentStatus.Declared or IncidentStatus.Cancelled ? null : i % 3 == 0 ? p.Malik : p.Aoife,
                OnCall = severity <= Severity.Sev2 && state != IncidentStatus.Declared ? p.Aoife : null,
                EscalateTo = i == 1 ? p.Malik : null,
                Acknowledge = state == IncidentStatus.Declared ? null : Minutes(i == 1 ? 20 : 5 + _random.Next(30)),
                Mitigate = state is IncidentStatus.Mitigated or IncidentStatus.Resolved or IncidentStatus.Closed ? Hours(1 + _random.Next(5)) : null,
                Resolve = state is IncidentStatus.Resolved or IncidentStatus.Closed ? Hours(8 + _random.Next(20)) : null,
                Close = state == IncidentStatus.Closed ? Days(3) : null,
                Cancel = state == IncidentStatus.Cancelled ? Minutes(60) : null,
                Reports = source == IncidentSource.UserReport ? 3 + _random.Next(40) : 0,
                FirstReportBefore = source == IncidentSource.UserReport ? Minutes(30 + _random.Next(120)) : null,
            });
        }
        return stories;
    }

    // ---- one incident's story, through the domain --------------------------------------------------

    private async Task PlayAsync(Story story, CancellationToken cancellationToken)
    {
        var at = story.DeclaredAt;
        _clock.Set(at);
        var draft = new Incident
        {
            WorkspaceId = _workspace,
            Platform = _platform,
            Number = 0,
            Title = story.Title,
            Description = "Demo data (seed-demo).",
            Severity = story.Severity,
            Status = IncidentStatus.Declared,
            Source = story.Source,
            Markets = story.Markets,
            Languages = story.Languages,
            Reporter = story.Reporter,
            DeclaredAt = at,
            UpdatedAt = at,
            ReportCount = story.Reports,
            FirstReportAt = story.Reports > 0 ? at - (story.FirstReportBefore ?? TimeSpan.Zero) : null,
            LastReportAt = story.Reports > 0 ? at + (story.Reports > 1 ? Hours(2) : TimeSpan.Zero) : null,
        };
        var declared = await _incidents.DeclareAsync(draft, at, receipt: null, alongside: null, cancellationToken);
        var incident = Expect(declared, story.Title).Incident;
        _tally.Incidents++;
        _tally.Events++;
        if (story.Source == IncidentSource.Regulator)
            _tally.RegulatorOrders++;
        else if (story.Source == IncidentSource.Partner)
            _tally.PartnerEscalations++;
        else if (story.Source == IncidentSource.Trending)
            _tally.TrendStorm++;

        foreach (var clock in story.Clocks)
            await PlayClockAsync(incident, story, clock, cancellationToken);

        if (story.OnCall is { } onCall && story.Severity <= Severity.Sev2)
            await PageAsync(incident, story, onCall, cancellationToken);
        else if (story.Acknowledge is { } acknowledge)
            await ChangeAsync(incident, at + acknowledge, i => IncidentLifecycle.ChangeStatus(i, IncidentStatus.Investigating, story.Lead ?? story.Reporter, _clock.GetUtcNow()), cancellationToken);

        if (story.Acknowledge is { } ack)
        {
            var by = story.Lead ?? story.Reporter;
            if (story.Lead is { } lead)
                await ChangeAsync(incident, at + ack + Minute, i => IncidentLifecycle.AssignRole(i, IncidentRole.Lead, lead, by, _clock.GetUtcNow()), cancellationToken);
            if (story.Comms is { } comms)
                await ChangeAsync(incident, at + ack + (2 * Minute), i => IncidentLifecycle.AssignRole(i, IncidentRole.Comms, comms, by, _clock.GetUtcNow()), cancellationToken);
            if (story.Scribe is { } scribe)
                await ChangeAsync(incident, at + ack + (3 * Minute), i => IncidentLifecycle.AssignRole(i, IncidentRole.Scribe, scribe, by, _clock.GetUtcNow()), cancellationToken);
            await ChangeAsync(incident, at + ack + (4 * Minute), i => i.Status == IncidentStatus.Declared
                ? IncidentLifecycle.ChangeStatus(i, IncidentStatus.Investigating, by, _clock.GetUtcNow())
                : IncidentLifecycle.AddNote(i, "Working on it; first removals under way.", by, _clock.GetUtcNow()), cancellationToken);
            await ChangeAsync(incident, at + ack + (10 * Minute), i => IncidentLifecycle.PostStatusUpdate(i, StatusUpdateText(story), by, _clock.GetUtcNow()), cancellationToken);
        }
        if (story.Cancel is { } cancel)
        {
            await ChangeAsync(incident, at + cancel, i => IncidentLifecycle.ChangeStatus(i, IncidentStatus.Cancelled, story.Reporter, _clock.GetUtcNow(), "Duplicate of an open incident."), cancellationToken);
            return;
        }
        var owner = story.Lead ?? story.Reporter;
        if (story.Mitigate is { } mitigate)
            await ChangeAsync(incident, at + mitigate, i => IncidentLifecycle.ChangeStatus(i, IncidentStatus.Mitigated, owner, _clock.GetUtcNow(), "Content removed; watching for re-uploads."), cancellationToken);
        if (story.Resolve is { } resolve)
        {
            await ChangeAsync(incident, at + resolve, i => IncidentLifecycle.ChangeStatus(i, IncidentStatus.Resolved, owner, _clock.GetUtcNow(), ResolutionText(story)), cancellationToken);
            if (story.Close is { } close)
                await ChangeAsync(incident, at + resolve + close, i => IncidentLifecycle.ChangeStatus(i, IncidentStatus.Closed, owner, _clock.GetUtcNow()), cancellationToken);
            if (story.Severity <= Severity.Sev2)
                await PostMortemAsync(incident.Number, story, at + resolve, owner, cancellationToken);
        }
        if (story.Resolve is null && story.Cancel is null)
            _tally.Open++;
    }

    /// <summary>One change through <see cref="IncidentStore.UpdateAsync"/> at <paramref name="at"/>; a refused change is a bug in the story.</summary>
    private async Task ChangeAsync(Incident incident, DateTimeOffset at, Func<Incident, Dialogs.Result<Transition>> change, CancellationToken cancellationToken)
    {
        if (at > _clock.End)
            throw new InvalidOperationException($"The demo story of INC-{incident.Number} runs past now ({at:O}).");
        _clock.Set(at);
        var result = await _incidents.UpdateAsync(_workspace, incident.Key, change, cancellationToken);
        if (!result.IsSuccess)
            throw new InvalidOperationException($"The demo story of INC-{incident.Number} made a refused change: {result.Error?.Message}");
        _tally.Events++;
    }

    private async Task PlayClockAsync(Incident incident, Story story, ClockStory plan, CancellationToken cancellationToken)
    {
        var definition = _rules.Clocks.Find(plan.Name)
            ?? throw new InvalidOperationException($"The clock rules have no `{plan.Name}` clock; the demo needs the default clocks.");
        var by = plan.Automatic ? (UserId?)null : story.Reporter;
        var recordedAt = plan.Automatic ? story.DeclaredAt : story.DeclaredAt + (2 * Minute);
        var startedAt = story.DeclaredAt - (plan.ReceivedBefore ?? TimeSpan.Zero);
        _clock.Set(recordedAt);
        var started = ClockLifecycle.Start(incident, plan.Name, definition.Window, startedAt, by, recordedAt, definition,
            _rules.Clocks.WarningPointsOf(plan.Name), plan.Automatic);
        var clock = Expect(started, plan.Name);
        clock = await SaveClockAsync(incident, clock, null, TimelineKind.ClockStarted, "g1-start", by, recordedAt,
            ClockMessages.StartedRecord(clock, incident), cancellationToken);
        _tally.Clocks++;

        var person = story.Lead ?? story.Reporter;
        if (plan.Pause is var (pauseAfter, pauseLength))
        {
            var pausedAt = story.DeclaredAt + pauseAfter;
            clock = await SaveClockAsync(incident, Expect(ClockLifecycle.Pause(clock, person, "Order unclear: asked the authority which URLs it covers", pausedAt), plan.Name),
                clock, TimelineKind.ClockPaused, "g1-pause1", person, pausedAt, null, cancellationToken);
            var resumedAt = pausedAt + pauseLength;
            clock = await SaveClockAsync(incident, Expect(ClockLifecycle.Resume(clock, person, resumedAt), plan.Name),
                clock, TimelineKind.ClockResumed, "g1-resume1", person, resumedAt, null, cancellationToken);
        }

        var metAt = plan.Met is { } met ? story.DeclaredAt + met : (DateTimeOffset?)null;
        if (clock.DeadlineAt is { } deadline && deadline <= _clock.End && (metAt is null || metAt > deadline))
        {
            // The breach alert the clock job sends at the deadline.
            clock = await SaveClockAsync(incident, ClockLifecycle.RecordBreach(clock), clock, TimelineKind.ClockBreached, "g1-breach", null, deadline, null, cancellationToken);
        }
        if (metAt is { } at && at <= _clock.End)
        {
            clock = await SaveClockAsync(incident, Expect(ClockLifecycle.Meet(clock, person, at), plan.Name),
                clock, TimelineKind.ClockMet, "g1-met", person, at, null, cancellationToken);
        }
        switch (clock.State(_clock.End))
        {
            case ClockState.Met:
                _tally.ClocksMet++;
                break;
            case ClockState.MetLate or ClockState.Breached:
                _tally.ClocksBreached++;
                break;
            default:
                _tally.ClocksRunning++;
                break;
        }
    }

    /// <summary>The clock and its timeline event in one unit, as <see cref="ClockKeeper"/> writes them (without the alert timers: this month is over).</summary>
    private async Task<Clock> SaveClockAsync(
        Incident incident, Clock changed, Clock? before, TimelineKind kind, string suffix, UserId? by, DateTimeOffset at, string? text, CancellationToken cancellationToken)
    {
        _clock.Set(at);
        await _writer.WriteAsync(_workspace, async (attempt, token) =>
        {
            var stored = await attempt.ReadAsync<Clock>(changed.Id, token);
            if ((stored is null) != (before is null))
                throw new InvalidOperationException($"Clock {changed.Id} is not where the demo left it.");
            attempt.Batch.Save(changed, stored?.ETag);
            attempt.Batch.Upsert(ClockKeeper.Record(incident, changed, kind, suffix, by, at, text ?? ClockMessages.ChangeRecord(changed, kind, at)));
            return changed;
        }, cancellationToken);
        _tally.Events++;
        return changed;
    }

    /// <summary>The on-call page of the incident, escalated once when nobody answered in time, and acknowledged.</summary>
    private async Task PageAsync(Incident incident, Story story, UserId onCall, CancellationToken cancellationToken)
    {
        var policy = new EscalationPolicy(
            story.Markets.Contains("NP") && story.Source == IncidentSource.Trending ? "np-market" : "tns-incident",
            story.Markets.Contains("NP") && story.Source == IncidentSource.Trending ? "Nepal market" : "T&S incident",
            [new EscalationStep(StepTarget.OnCall("primary"), TimeSpan.FromMinutes(5)), new EscalationStep(StepTarget.OnCall("secondary"), TimeSpan.FromMinutes(10))],
            Repeats: 1,
            FallbackChannel: null);
        var sentAt = story.DeclaredAt + Minute;
        _clock.Set(sentAt);
        var token = Convert.ToHexString(Bytes(16)).ToLowerInvariant();
        await _documents.CreateAsync(new PageChainAnchor
        {
            Id = PageChainAnchor.IdFor(incident.Number, policy.Id),
            WorkspaceId = _workspace,
            Token = token,
            CreatedAt = sentAt,
        }, cancellationToken);
        var first = Sent(new Page
        {
            Id = Page.IdFor(incident.Number, policy.Id, token, EscalationPosition.First),
            WorkspaceId = _workspace,
            Platform = _platform,
            IncidentNumber = incident.Number,
            EscalationPolicy = policy,
            Step = 0,
            Attempt = 0,
            ChainToken = token,
            Status = PageStatus.Pending,
            Reason = "Routing: every incident pages the T&S incident managers",
            CreatedAt = sentAt,
            EscalateAt = sentAt + policy.Steps[0].Wait,
        }, onCall, sentAt);
        var ackAt = story.DeclaredAt + (story.Acknowledge ?? Minutes(5));
        var (stored, _) = await _pages.CreateOnceAsync(first, cancellationToken);
        await RecordAsync(incident, first.Id, sentAt, TimelineKind.Paged, policy.Name, null, cancellationToken);
        _tally.Pages++;
        _tally.CountNightOrWeekend(first.Targets[0]);

        var answered = stored.Value;
        var answeredBy = onCall;
        if (story.EscalateTo is { } next)
        {
            // Nobody acknowledged within the step's wait: the chain moves to the next step.
            var escalatedAt = first.EscalateAt!.Value;
            _clock.Set(escalatedAt);
            var successor = first.Successor(new EscalationPosition(1, 0), escalatedAt);
            await _pages.ReplaceAsync(first with { Status = PageStatus.Escalated, ClosedAt = escalatedAt, NextPageId = successor.Id }, stored.ETag, cancellationToken);
            await RecordAsync(incident, first.Id + "-escalated", escalatedAt, TimelineKind.PageEscalated, policy.Name, successor.Id, cancellationToken);
            var (second, _) = await _pages.CreateOnceAsync(Sent(successor, next, escalatedAt), cancellationToken);
            _tally.Pages++;
            _tally.CountNightOrWeekend(second.Value.Targets[0]);
            stored = second;
            answered = second.Value;
            answeredBy = next;
            if (ackAt <= escalatedAt)
                ackAt = escalatedAt + (3 * Minute);
        }
        if (ackAt > _clock.End)
            return;
        _clock.Set(ackAt);
        await _pages.ReplaceAsync(answered with { Status = PageStatus.Acknowledged, AcknowledgedBy = answeredBy, AcknowledgedAt = ackAt, ClosedAt = ackAt }, stored.ETag, cancellationToken);
        await ChangeAsync(incident, ackAt, i => IncidentLifecycle.AcknowledgePage(i, answeredBy, policy.Name, ackAt), cancellationToken);
    }

    /// <summary>The page as delivered: its target resolved and the message sent, flagged at night or at the weekend in the person's zone.</summary>
    private Page Sent(Page page, UserId person, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, _people.ZoneOf(person)).DateTime;
        return page with
        {
            AreTargetsResolved = true,
            Targets =
            [
                new PageTarget
                {
                    User = person,
                    SentAt = at,
                    SendClaimedAt = at,
                    IsNight = _nightHours.IsNight(TimeOnly.FromDateTime(local)),
                    IsWeekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday,
                },
            ],
        };
    }

    private async Task RecordAsync(Incident incident, string suffix, DateTimeOffset at, TimelineKind kind, string text, string? to, CancellationToken cancellationToken)
    {
        await _incidents.RecordAsync(new TimelineEvent
        {
            Id = TimelineEvent.IdFor(incident.Number, suffix),
            WorkspaceId = _workspace,
            IncidentNumber = incident.Number,
            At = at,
            Kind = kind,
            Text = text,
            To = to,
        }, cancellationToken);
        _tally.Events++;
    }

    /// <summary>
    /// The post-mortem that becomes due on resolution (business days in the owner's zone), done for
    /// most closed incidents, and its action items: some done, some open, some overdue.
    /// </summary>
    private async Task PostMortemAsync(int number, Story story, DateTimeOffset resolvedAt, UserId owner, CancellationToken cancellationToken)
    {
        var zone = _people.ZoneOf(owner);
        var due = new PostMortem { WorkspaceId = _workspace, IncidentNumber = number, Owner = owner, Status = PostMortemStatus.Waiting }
            .DueFor(resolvedAt, resolvedAt, zone, _rules.Calendar, _rules.PostMortems.BusinessDays);
        _clock.Set(resolvedAt);
        var batch = new DocumentBatch(_workspace).Save(due, null).Upsert(new TimelineEvent
        {
            Id = TimelineEvent.IdFor(number, $"pm-due-{resolvedAt.UtcTicks}"),
            WorkspaceId = _workspace,
            IncidentNumber = number,
            At = resolvedAt,
            Kind = TimelineKind.PostMortemDue,
            Text = $"Post-mortem due {PostMortemMessages.Day(due.DueDate!.Value)} ({_rules.PostMortems.BusinessDays} business days, {due.OwnerTimeZone}), owner {owner.Mention}",
            To = owner.Value,
        });
        await _documents.CommitAsync(batch, cancellationToken);
        _tally.PostMortems++;
        _tally.Events++;

        var doneAt = resolvedAt + Days(2 + _random.Next(3));
        if (story.Close is not null && doneAt <= _clock.End && _random.Next(4) != 0)
        {
            _clock.Set(doneAt);
            var link = string.Create(CultureInfo.InvariantCulture, $"https://wiki.example.com/tns/postmortems/inc-{number}");
            await _writer.WriteAsync(_workspace, async (attempt, token) =>
            {
                var stored = await attempt.ReadAsync<PostMortem>(PostMortem.IdFor(number), token);
                attempt.Batch.Replace(stored!.Value with { Status = PostMortemStatus.Done, DoneAt = doneAt, DoneBy = owner, Link = link }, stored.ETag);
                attempt.Batch.Upsert(new TimelineEvent
                {
                    Id = TimelineEvent.IdFor(number, $"pm-done-{doneAt.UtcTicks}"),
                    WorkspaceId = _workspace,
                    IncidentNumber = number,
                    At = doneAt,
                    Actor = owner,
                    Kind = TimelineKind.PostMortemDone,
                    Text = $"Post-mortem done: {link}",
                    Link = link,
                });
                return true;
            }, cancellationToken);
            _tally.Events++;
        }

        string[] actions = story.Source switch
        {
            IncidentSource.Regulator => ["Add the order's URLs to the hash list", "Document the receipt time in the order log"],
            IncidentSource.Trending => ["Add the storm's hashtags to the ne/bho classifier", "Staff a Bhojpuri reviewer on weekend nights"],
            IncidentSource.Partner => ["Reply to the partner with the outcome", "Give the partner a direct escalation contact"],
            _ => ["Alert on the queue's age", "Write the runbook step that was missing"],
        };
        for (var i = 0; i < actions.Length; i++)
        {
            var createdAt = resolvedAt + Hours(2 + i);
            if (createdAt > _clock.End)
                break;
            _clock.Set(createdAt);
            var dueDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(createdAt, zone).Date).AddDays(3 + (i * 4));
            var itemOwner = i == 0 ? owner : _people.Everyone[_random.Next(_people.Everyone.Count)];
            var item = await _actionItems.AddAsync(new ActionItem
            {
                WorkspaceId = _workspace,
                IncidentNumber = number,
                Sequence = 0,
                Text = actions[i],
                Owner = itemOwner,
                CreatedBy = owner,
                CreatedAt = createdAt,
                DueDate = dueDate,
            }, (attempt, added) => attempt.Batch.Upsert(ActionEvent(added, TimelineKind.ActionItemAdded, "added", owner, createdAt,
                $"Action #{added.Sequence} for {added.Owner.Mention}: {added.Text}")), cancellationToken);
            _tally.ActionItems++;
            _tally.Events++;

            var finishedAt = createdAt + Days(1 + _random.Next(3));
            if (i == 0 && finishedAt <= _clock.End)
            {
                _clock.Set(finishedAt);
                var found = await _actionItems.FindAsync(new WorkspaceId(_workspace), item.Id, cancellationToken);
                var done = found!.Value with { Status = ActionItemStatus.Done, DoneAt = finishedAt, DoneBy = itemOwner };
                await _writer.WriteAsync(_workspace, (attempt, _) =>
                {
                    attempt.Batch.Replace(done, found.ETag);
                    attempt.Batch.Upsert(ActionEvent(done, TimelineKind.ActionItemDone, "done", itemOwner, finishedAt, $"Action #{done.Sequence} done: {done.Text}"));
                    return Task.FromResult(true);
                }, cancellationToken);
                _tally.Events++;
            }
            else if (dueDate < DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_clock.End, zone).Date))
            {
                _tally.OverdueActionItems++;
            }
        }
    }

    private TimelineEvent ActionEvent(ActionItem item, TimelineKind kind, string what, UserId by, DateTimeOffset at, string text) => new()
    {
        Id = TimelineEvent.IdFor(item.IncidentNumber, $"action-{item.Sequence}-{what}"),
        WorkspaceId = _workspace,
        IncidentNumber = item.IncidentNumber,
        At = at,
        Actor = by,
        Kind = kind,
        Text = text,
        To = item.Owner.Value,
    };

    // ---- helpers ------------------------------------------------------------------------------------

    private static string StatusUpdateText(Story story) => story.Source switch
    {
        IncidentSource.Regulator => "Order logged; legal reviewing scope; removals started.",
        IncidentSource.Partner => "Partner's examples confirmed; sweeping for similar content.",
        IncidentSource.Trending => "Storm cluster identified; ne/bho reviewers on it; hashtags rate-limited.",
        _ => "Cause being investigated; next update within the hour.",
    };

    private static string ResolutionText(Story story) => story.Source switch
    {
        IncidentSource.Regulator => "Complied with the order; confirmation sent to the authority.",
        IncidentSource.Partner => "Actioned and reported back to the partner.",
        IncidentSource.Trending => "Cluster removed; classifier updated; trend back to baseline.",
        _ => "Fixed and verified.",
    };

    /// <summary>02:10 on the last Saturday night (local time in <paramref name="zone"/>) before <paramref name="before"/>.</summary>
    private static DateTimeOffset NightBefore(DateTimeOffset before, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(before, zone);
        var day = local.Date;
        while (day.DayOfWeek != DayOfWeek.Saturday || day.AddHours(2).AddMinutes(10) >= local.DateTime)
            day = day.AddDays(-1);
        var night = day.AddHours(2).AddMinutes(10);
        return new DateTimeOffset(night, zone.GetUtcOffset(night)).ToUniversalTime();
    }

    private static T Expect<T>(Dialogs.Result<T> result, string what) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"The demo story was refused ({what}): {result.Error?.Message}");

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private TimeSpan Jitter() => TimeSpan.FromMinutes(_random.Next(-180, 180));

    private static TimeSpan Minutes(double value) => TimeSpan.FromMinutes(value);

    private static TimeSpan Hours(double value) => TimeSpan.FromHours(value);

    private static TimeSpan Days(double value) => TimeSpan.FromDays(value);

    private sealed record ClockStory(string Name, bool Automatic, TimeSpan? Met, TimeSpan? ReceivedBefore = null, (TimeSpan After, TimeSpan Length)? Pause = null);

    private sealed record Story
    {
        public required string Title { get; init; }
        public required Severity Severity { get; init; }
        public required IncidentSource Source { get; init; }
        public required IReadOnlyList<string> Markets { get; init; }
        public required IReadOnlyList<string> Languages { get; init; }
        public required DateTimeOffset DeclaredAt { get; init; }
        public required UserId Reporter { get; init; }
        public UserId? Lead { get; init; }
        public UserId? Comms { get; init; }
        public UserId? Scribe { get; init; }
        public UserId? OnCall { get; init; }
        public UserId? EscalateTo { get; init; }
        public TimeSpan? Acknowledge { get; init; }
        public TimeSpan? Mitigate { get; init; }
        public TimeSpan? Resolve { get; init; }
        public TimeSpan? Close { get; init; }
        public TimeSpan? Cancel { get; init; }
        public IReadOnlyList<ClockStory> Clocks { get; init; } = [];
        public int Reports { get; init; }
        public TimeSpan? FirstReportBefore { get; init; }
    }

    private sealed class Tally
    {
        public int Incidents;
        public int Open;
        public int RegulatorOrders;
        public int PartnerEscalations;
        public int TrendStorm;
        public int Clocks;
        public int ClocksMet;
        public int ClocksBreached;
        public int ClocksRunning;
        public int Pages;
        public int NightOrWeekend;
        public int PostMortems;
        public int ActionItems;
        public int OverdueActionItems;
        public int Events;

        public void CountNightOrWeekend(PageTarget target)
        {
            if (target.IsNight || target.IsWeekend)
                NightOrWeekend++;
        }

        public DemoCounts ToCounts() => new()
        {
            Incidents = Incidents,
            OpenIncidents = Open,
            RegulatorOrders = RegulatorOrders,
            PartnerEscalations = PartnerEscalations,
            TrendStorm = TrendStorm,
            Clocks = Clocks,
            ClocksMet = ClocksMet,
            ClocksBreached = ClocksBreached,
            ClocksRunning = ClocksRunning,
            Pages = Pages,
            NightOrWeekendPages = NightOrWeekend,
            PostMortems = PostMortems,
            ActionItems = ActionItems,
            OverdueActionItems = OverdueActionItems,
            TimelineEvents = Events,
        };
    }
}
