using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Evidence;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>
/// The evidence endpoints over real HTTP: the ledger as JSON lines, the evidence zip as Legal
/// downloads it, the verifier catching each kind of tampering, scoped keys and the audit trail.
/// </summary>
public sealed class EvidenceApiTests(EvidenceBotFixture fixture) : IClassFixture<EvidenceBotFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private readonly BotApplication _bot = fixture.Bot;

    private async Task CommandAsync(string team, string text)
    {
        var response = await _client.SendAsync(SlackRequests.Command(text, _bot.Clock, team: team));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await _client.SendAsync(request);
    }

    private static List<LedgerEntry> Lines(string body) =>
        [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => LedgerLine.Parse(Encoding.UTF8.GetBytes(l)))];

    private async Task<string> IncidentWithHistoryAsync(bool restricted = false)
    {
        var team = BotFixture.NewTeam();
        await CommandAsync(team, "declare sev2 Coordinated takedown order --source regulator --market NP" + (restricted ? " --restricted" : ""));
        await CommandAsync(team, "INC-1 sev 1");
        await CommandAsync(team, "INC-1 note Order 2026/77 received from the regulator");
        await CommandAsync(team, "INC-1 status investigating");
        await CommandAsync(team, "INC-1 resolve content removed everywhere");
        return team;
    }

    private async Task<byte[]> ExportAsync(string team, string key = BotApplication.ApiKey)
    {
        var response = await SendAsync(HttpMethod.Get, $"/api/incidents/1/evidence.zip?workspace={team}", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<JsonNode> VerifyAsync(byte[] zip)
    {
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var response = await SendAsync(HttpMethod.Post, "/api/evidence/verify", BotApplication.ApiKey, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The same zip with some files' bytes replaced (the manifest kept as exported).</summary>
    private static byte[] Rewrite(byte[] zip, Func<string, byte[], byte[]> change)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var read = entry.Open();
                using var buffer = new MemoryStream();
                read.CopyTo(buffer);
                var written = target.CreateEntry(entry.FullName);
                using var write = written.Open();
                write.Write(change(entry.FullName, buffer.ToArray()));
            }
        }
        return output.ToArray();
    }

    private static byte[] Read(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var read = archive.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        read.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static byte[] ChangeLedger(byte[] zip, Func<List<string>, List<string>> change) =>
        Rewrite(zip, (name, bytes) => name != "ledger.jsonl" ? bytes
            : Encoding.UTF8.GetBytes(string.Concat(change([.. Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries)]).Select(l => l + "\n"))));

    [Fact]
    public async Task The_ledger_is_served_as_json_lines_one_entry_per_timeline_event_and_in_pages()
    {
        var team = await IncidentWithHistoryAsync();

        var whole = await SendAsync(HttpMethod.Get, $"/api/incidents/1/ledger?workspace={team}", BotApplication.ApiKey);
        var entries = Lines(await whole.Content.ReadAsStringAsync());
        var timeline = await _bot.Incidents.TimelineAsync(team, new IncidentNumber(1), CancellationToken.None).Select(e => e.Id).ToListAsync();
        // Work still running (the channel being created) may add events: read the ledger again after the timeline.
        var later = Lines(await (await SendAsync(HttpMethod.Get, $"/api/incidents/1/ledger?workspace={team}&limit=10000", BotApplication.ApiKey)).Content.ReadAsStringAsync());
        var page = Lines(await (await SendAsync(HttpMethod.Get, $"/api/incidents/1/ledger?workspace={team}&after=2&limit=2", BotApplication.ApiKey)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("application/jsonl", whole.Content.Headers.ContentType?.MediaType);
        Assert.True(LedgerChecker.Check(entries).IsValid);
        Assert.True(LedgerChecker.Check(later).IsValid);
        string Event(LedgerEntry e) => e.Data.GetProperty("event").GetString()!;
        // Every entry is a stored event (stored together), and every stored event has exactly one entry.
        Assert.Subset(timeline.ToHashSet(), entries.Select(Event).ToHashSet());
        Assert.Superset(timeline.ToHashSet(), later.Select(Event).ToHashSet());
        Assert.Equal(later.Count, later.Select(Event).Distinct().Count());
        Assert.Equal("declared", entries[0].Kind);
        Assert.Subset(entries.Select(e => e.Kind).ToHashSet(), new HashSet<string> { "severity.changed", "note", "status.changed", "resolved" });
        Assert.True(int.Parse(whole.Headers.GetValues(EvidenceApi.HeadSeqHeader).Single(), System.Globalization.CultureInfo.InvariantCulture) <= entries.Count);
        Assert.Equal([3, 4], page.Select(e => e.Seq));
        Assert.Equal(entries[2].Hash, page[0].Hash);
    }

    [Fact]
    public async Task An_exported_zip_verifies_and_a_changed_byte_a_reordered_entry_a_dropped_last_entry_and_a_changed_report_are_found()
    {
        var team = await IncidentWithHistoryAsync();
        // An intake report joined to the incident (the intake feature writes these).
        await _bot.Documents.CreateAsync(new ReportDocument
        {
            Id = "report-r1",
            WorkspaceId = team,
            IncidentNumber = 1,
            Rest = new() { ["url"] = JsonSerializer.SerializeToElement("https://example.com/post/1"), ["reporter"] = JsonSerializer.SerializeToElement("trusted-flagger-9") },
        }, CancellationToken.None);
        var zip = await ExportAsync(team);

        using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
            Assert.Equal(["incident.json", "ledger.jsonl", "reports/report-r1/report.json", "postmortem.md", "manifest.json"], archive.Entries.Select(e => e.FullName));
        var valid = await VerifyAsync(zip);
        Assert.True((bool)valid["valid"]!, valid.ToJsonString());
        Assert.Null(valid["firstBadSeq"]);
        var count = (int)valid["entries"]!;
        var noteSeq = 1 + Lines(Encoding.UTF8.GetString(Read(zip, "ledger.jsonl"))).FindIndex(e => e.Kind == "note");
        Assert.True(count >= 5 && noteSeq > 1, valid.ToJsonString());

        var byteChanged = await VerifyAsync(ChangeLedger(zip, lines => [.. lines.Select(l => l.Contains("2026/77", StringComparison.Ordinal) ? l.Replace("2026/77", "2026/78", StringComparison.Ordinal) : l)]));
        var reordered = await VerifyAsync(ChangeLedger(zip, lines => [lines[0], lines[2], lines[1], .. lines[3..]]));
        var dropped = await VerifyAsync(ChangeLedger(zip, lines => lines[..^1]));
        var reportChanged = await VerifyAsync(Rewrite(zip, (name, bytes) => name.StartsWith("reports/", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("post/1", "post/2", StringComparison.Ordinal)) : bytes));

        Assert.Equal((false, noteSeq), ((bool)byteChanged["valid"]!, (int?)byteChanged["firstBadSeq"]));
        Assert.Equal((false, 2), ((bool)reordered["valid"]!, (int?)reordered["firstBadSeq"]));
        Assert.Equal((false, count), ((bool)dropped["valid"]!, (int?)dropped["firstBadSeq"]));
        Assert.False((bool)reportChanged["valid"]!);
        Assert.Null(reportChanged["firstBadSeq"]); // the ledger is sound; the report's digest is not
        Assert.Contains(reportChanged["problems"]!.AsArray(), p => ((string)p!).Contains("reports/report-r1/report.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_takes_only_a_zip_body_within_the_size_limit()
    {
        var text = new StringContent("not a zip", Encoding.UTF8, "text/plain");
        var big = new ByteArrayContent(new byte[EvidenceBotFixture.MaxVerifyBytes + 1]);
        big.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        static ByteArrayContent Garbage()
        {
            var garbage = new ByteArrayContent(Encoding.UTF8.GetBytes("PK but not really a zip"));
            garbage.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            return garbage;
        }

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await SendAsync(HttpMethod.Post, "/api/evidence/verify", BotApplication.ApiKey, text)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(HttpMethod.Post, "/api/evidence/verify", BotApplication.ApiKey, big)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Post, "/api/evidence/verify", null, Garbage())).StatusCode);
        var answer = JsonNode.Parse(await (await SendAsync(HttpMethod.Post, "/api/evidence/verify", BotApplication.ApiKey, Garbage())).Content.ReadAsStringAsync())!;
        Assert.False((bool)answer["valid"]!);
    }

    [Fact]
    public async Task A_restricted_incidents_ledger_and_zip_need_the_evidence_scope_and_every_read_is_in_the_audit_log()
    {
        var team = await IncidentWithHistoryAsync(restricted: true);
        var before = _bot.Clock.GetUtcNow().AddSeconds(-1);

        var plain = await SendAsync(HttpMethod.Get, $"/api/incidents/1/ledger?workspace={team}", BotApplication.ApiKey);
        var scopedRead = await SendAsync(HttpMethod.Get, $"/api/incidents/1/evidence.zip?workspace={team}", EvidenceBotFixture.ReadOnlyScopedKey);
        var ledger = await SendAsync(HttpMethod.Get, $"/api/incidents/1/ledger?workspace={team}", EvidenceBotFixture.EvidenceKey);
        var zip = await ExportAsync(team, EvidenceBotFixture.EvidenceKey);
        var redacted = await SendAsync(HttpMethod.Get, $"/api/incidents/1?workspace={team}", BotApplication.ApiKey);

        Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, scopedRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redacted.StatusCode);
        // The ledger holds everything, restricted or not: the title is in the declaration's entry.
        Assert.Contains("Coordinated takedown order", await ledger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((bool)(await VerifyAsync(zip))["valid"]!);

        var audit = await SendAsync(HttpMethod.Get, $"/api/audit?from={Uri.EscapeDataString(before.ToString("O"))}", EvidenceBotFixture.AdminKey);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var records = Lines(await audit.Content.ReadAsStringAsync());
        var reads = records.Where(r => r.Kind == "restricted.read" && r.Data.GetProperty("workspace").GetString() == team).ToList();
        Assert.Equal(["ledger INC-1", "evidence.zip INC-1", "incident INC-1"], reads.Select(r => r.Data.GetProperty("target").GetString()));
        Assert.Equal(["api:legal", "api:legal", "api:api-key-0"], reads.Select(r => r.Actor));
        Assert.All(reads, r => Assert.Equal("127.0.0.1", r.Data.GetProperty("address").GetString()));
    }

    [Fact]
    public async Task The_audit_log_is_for_admin_keys_only_records_each_admin_request_and_is_itself_a_valid_chain()
    {
        var forRead = await SendAsync(HttpMethod.Get, "/api/audit", BotApplication.ApiKey);
        var forEvidence = await SendAsync(HttpMethod.Get, "/api/audit", EvidenceBotFixture.EvidenceKey);
        await SendAsync(HttpMethod.Get, "/api/incidents?workspace=TNOWHERE", EvidenceBotFixture.AdminKey);

        var all = await SendAsync(HttpMethod.Get, "/api/audit", EvidenceBotFixture.AdminKey);

        Assert.Equal(HttpStatusCode.Forbidden, forRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forEvidence.StatusCode);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var records = Lines(await all.Content.ReadAsStringAsync());
        Assert.True(LedgerChecker.Check(records).IsValid);
        Assert.Equal(Enumerable.Range(1, records.Count), records.Select(r => r.Seq));
        var admin = records.Where(r => r.Kind == "admin.request").Select(r => r.Data.GetProperty("target").GetString()).ToList();
        Assert.Contains("GET /api/incidents?workspace=TNOWHERE", admin);
        Assert.Equal("GET /api/audit", admin[^1]); // this very request, recorded before it was served
        Assert.All(records.Where(r => r.Kind == "admin.request"), r => Assert.Equal("api:auditor", r.Actor));
    }
}
