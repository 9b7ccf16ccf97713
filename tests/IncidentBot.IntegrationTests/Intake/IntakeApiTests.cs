using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Bot;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>POST /api/intake/reports, /batch and /email over real HTTP on the embedded store.</summary>
public sealed class IntakeApiTests(IntakeBot bot) : IClassFixture<IntakeBot>
{
    private const string Reports = "/api/intake/reports";

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task A_repeated_external_id_answers_the_same_body_with_200_and_creates_nothing()
    {
        var report = IntakeBot.Report(trendKey: "#repeat-" + IntakeBot.NewId());
        var first = await bot.ReportAsync(IncidentSource.Trending, report);
        var before = await bot.IncidentCountAsync();

        using var again = await bot.PostAsync(IncidentSource.Trending, report);
        var changed = (JsonObject)report.DeepClone();
        changed["text"] = "The same id with other words is still the same report.";
        using var reworded = await bot.PostAsync(IncidentSource.Trending, changed);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reworded.StatusCode);
        Assert.Equal(first.ToJsonString(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.ToJsonString(), await reworded.Content.ReadAsStringAsync());
        Assert.Equal(before, await bot.IncidentCountAsync());
        var incident = await bot.IncidentAsync((int)first["incident"]!);
        Assert.Equal(1, (int)incident["reportCount"]!);
    }

    // An order opens its own incident, so its repeat meets the first copy in the opening unit (there is no read for a
    // repeat before it): that unit is written without it, no number is taken, and the next order has the next number.
    [Fact]
    public async Task A_repeated_order_answers_the_same_body_and_takes_no_number()
    {
        var order = IntakeBot.Report(text: "Remove the listed posts.");
        order["market"] = "IN";
        order["order"] = new JsonObject { ["authority"] = "MeitY", ["reference"] = "MeitY/IT-69A/" + IntakeBot.NewId(), ["regime"] = "in-takedown-order" };
        var first = await bot.ReportAsync(IncidentSource.Regulator, order);
        var before = await bot.IncidentCountAsync();

        using var again = await bot.PostAsync(IncidentSource.Regulator, order);
        var next = (JsonObject)order.DeepClone();
        next["externalId"] = IntakeBot.NewId();
        var following = await bot.ReportAsync(IncidentSource.Regulator, next);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.ToJsonString(), await again.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await bot.IncidentCountAsync());
        Assert.Equal((int)first["incident"]! + 1, (int)following["incident"]!);
    }

    [Fact]
    public async Task The_same_external_id_from_another_source_is_another_report()
    {
        var externalId = IntakeBot.NewId();
        var trending = await bot.ReportAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: "#src-" + externalId, externalId: externalId));
        var partner = await bot.ReportAsync(IncidentSource.Partner, IntakeBot.Report(trendKey: "#src-" + externalId, externalId: externalId));

        Assert.NotEqual((string)trending["reportId"]!, (string)partner["reportId"]!);
        Assert.Equal((int)trending["incident"]!, (int)partner["incident"]!);
        Assert.False((bool)trending["merged"]!);
        Assert.True((bool)partner["merged"]!);
        var incident = await bot.IncidentAsync((int)trending["incident"]!);
        Assert.Equal(2, (int)incident["reportCount"]!);
        Assert.Equal(["partner", "trending"], incident["reportSources"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_batch_answers_each_report_and_a_repeated_batch_creates_nothing()
    {
        var trend = "#batch-" + IntakeBot.NewId();
        var batch = new JsonArray(
            IntakeBot.Report(trendKey: trend),
            IntakeBot.Report(trendKey: trend),
            new JsonObject { ["externalId"] = IntakeBot.NewId(), ["market"] = "XX" });

        using var response = await bot.PostRawAsync(Reports + "/batch", batch.ToJsonString(), IntakeBot.TrendingKey);
        using var repeat = await bot.PostRawAsync(Reports + "/batch", batch.ToJsonString(), IntakeBot.TrendingKey);

        var items = (await ProblemAsync(response, HttpStatusCode.OK))["results"]!.AsArray();
        Assert.Equal([202, 202, 400], items.Select(i => (int)i!["status"]!));
        Assert.Equal((int)items[0]!["incident"]!, (int)items[1]!["incident"]!);
        Assert.Contains("text", items[2]!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("market", items[2]!["errors"]!.AsObject().Select(e => e.Key));
        var again = (await ProblemAsync(repeat, HttpStatusCode.OK))["results"]!.AsArray();
        Assert.Equal([200, 200, 400], again.Select(i => (int)i!["status"]!));
        Assert.Equal(2, (int)(await bot.IncidentAsync((int)items[0]!["incident"]!))["reportCount"]!);
    }

    [Fact]
    public async Task Each_bad_field_is_named_in_one_problem_and_nothing_is_created()
    {
        var before = await bot.IncidentCountAsync();
        var report = new JsonObject
        {
            ["receivedAt"] = bot.Clock.GetUtcNow().AddMinutes(30).ToString("O", CultureInfo.InvariantCulture),
            ["urls"] = new JsonArray("https://example.com/ok", "ftp://example.com/no", "not a url"),
            ["market"] = "ZZ",
            ["language"] = "xx",
            ["severity"] = "sev9",
            ["reporter"] = new JsonObject { ["email"] = "not-an-address", ["trustedFlagger"] = "yes" },
        };

        using var response = await bot.PostAsync(IncidentSource.Trending, report);

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Equal(
            new HashSet<string> { "externalId", "receivedAt", "text", "urls[1]", "urls[2]", "market", "language", "severity", "reporter.email", "reporter.trustedFlagger" },
            errors);
        Assert.Equal(before, await bot.IncidentCountAsync());
    }

    [Fact]
    public async Task An_unknown_regime_an_order_from_a_partner_a_bad_deadline_and_invalid_json_are_refused()
    {
        var before = await bot.IncidentCountAsync();
        var unknownRegime = IntakeBot.Report();
        unknownRegime["order"] = new JsonObject { ["regime"] = "no-such-regime", ["deadline"] = "tomorrow" };
        var partnerOrder = IntakeBot.Report();
        partnerOrder["order"] = new JsonObject { ["regime"] = "in-takedown-order" };
        var wrongTypes = new JsonObject { ["externalId"] = 42, ["title"] = new JsonArray(), ["urls"] = "https://example.com", ["trendKey"] = new string('x', 201) };

        using var regime = await bot.PostAsync(IncidentSource.Regulator, unknownRegime);
        using var partner = await bot.PostAsync(IncidentSource.Partner, partnerOrder);
        using var types = await bot.PostAsync(IncidentSource.Partner, wrongTypes);
        using var json = await bot.PostRawAsync(Reports, "{\"externalId\": \"a\", \"text\": ", IntakeBot.PartnerKey);

        Assert.Equal(["order.deadline", "order.regime"], (await ProblemAsync(regime, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["order"], (await ProblemAsync(partner, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["externalId", "title", "trendKey", "urls"], (await ProblemAsync(types, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["body"], (await ProblemAsync(json, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before, await bot.IncidentCountAsync());
    }

    [Fact]
    public async Task A_missing_or_wrong_key_is_401_and_a_body_above_256_KiB_is_413()
    {
        var body = IntakeBot.Report().ToJsonString();
        var huge = IntakeBot.Report(text: new string('a', 257 * 1024)).ToJsonString();

        using var none = await bot.PostRawAsync(Reports, body, key: null);
        using var wrong = await bot.PostRawAsync(Reports, body, key: IntakeBot.PartnerKey + "x");
        using var apiKey = await bot.PostRawAsync(Reports, body, key: BotApplication.ApiKey);
        using var tooLarge = await bot.PostRawAsync(Reports, huge, IntakeBot.PartnerKey);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, apiKey.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.DoesNotContain(bot.Bot.Logs.Logs, l => l.Message.Contains(IntakeBot.PartnerKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_source_takes_a_valid_signature_and_refuses_a_stale_or_tampered_one()
    {
        var now = bot.Clock.GetUtcNow();
        var valid = IntakeBot.Report(trendKey: "#signed-" + IntakeBot.NewId()).ToJsonString();
        var stale = IntakeBot.Report().ToJsonString();
        var original = IntakeBot.Report().ToJsonString();
        var tampered = original.Replace("NP", "IN", StringComparison.Ordinal);
        var before = await bot.IncidentCountAsync();

        using var ok = await bot.PostRawAsync(Reports, valid, IntakeBot.UserReportKey, signature: IntakeBot.Sign(valid, now));
        using var old = await bot.PostRawAsync(Reports, stale, IntakeBot.UserReportKey, signature: IntakeBot.Sign(stale, now.AddMinutes(-6)));
        using var future = await bot.PostRawAsync(Reports, stale, IntakeBot.UserReportKey, signature: IntakeBot.Sign(stale, now.AddMinutes(6)));
        using var changed = await bot.PostRawAsync(Reports, tampered, IntakeBot.UserReportKey, signature: IntakeBot.Sign(original, now));
        using var otherSecret = await bot.PostRawAsync(Reports, original, IntakeBot.UserReportKey, signature: IntakeBot.Sign(original, now, "another-secret"));
        using var unsigned = await bot.PostRawAsync(Reports, original, IntakeBot.UserReportKey, signature: ("", ""));

        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, future.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(before + 1, await bot.IncidentCountAsync());
    }

    [Fact]
    public async Task A_report_without_a_language_gets_the_detected_one()
    {
        var answer = await bot.ReportAsync(IncidentSource.Partner, IntakeBot.Report(
            trendKey: "#lang-" + IntakeBot.NewId(),
            text: "A video is spreading in which children are dared to jump from moving buses, and many schools have warned parents about it."));

        Assert.Equal("en", (string)answer["language"]!);
        Assert.InRange((double)answer["languageConfidence"]!, 0.5, 1.0);
        var incident = await bot.IncidentAsync((int)answer["incident"]!);
        Assert.Contains("en", incident["languages"]!.AsArray().Select(l => (string)l!));
    }

    [Fact]
    public async Task Reports_sharing_a_normalised_url_or_hashtag_join_one_incident_that_counts_them_and_unites_markets()
    {
        var tag = "Trend" + IntakeBot.NewId();
        var first = IntakeBot.Report(text: $"Children dare each other #{tag} on video");
        first["urls"] = new JsonArray($"https://www.example.com/v/{tag}?utm_source=x");
        var second = IntakeBot.Report(text: "Another clip of the same dare");
        second["urls"] = new JsonArray($"https://example.com/v/{tag}/");
        second["market"] = "IN";
        var third = IntakeBot.Report(text: $"Seen again under #{tag.ToUpperInvariant()}");
        third["market"] = "BD";

        var a = await bot.ReportAsync(IncidentSource.Trending, first);
        bot.Clock.Advance(TimeSpan.FromMinutes(3));
        var b = await bot.ReportAsync(IncidentSource.Partner, second);
        bot.Clock.Advance(TimeSpan.FromMinutes(3));
        var c = await bot.ReportAsync(IncidentSource.Trending, third);

        Assert.Equal((int)a["incident"]!, (int)b["incident"]!);
        Assert.Equal((int)a["incident"]!, (int)c["incident"]!);
        Assert.Equal([false, true, true], new[] { a, b, c }.Select(x => (bool)x["merged"]!));
        var incident = await bot.IncidentAsync((int)a["incident"]!);
        Assert.Equal(3, (int)incident["reportCount"]!);
        Assert.Equal(["BD", "IN", "NP"], incident["markets"]!.AsArray().Select(m => (string)m!).Order(StringComparer.Ordinal));
        Assert.Equal(DateTimeOffset.Parse((string)incident["lastReportAt"]!, CultureInfo.InvariantCulture) - TimeSpan.FromMinutes(6),
            DateTimeOffset.Parse((string)incident["firstReportAt"]!, CultureInfo.InvariantCulture));
        var page = await bot.GetAsync($"/api/incidents/{(int)a["incident"]!}/reports?workspace={IntakeBot.Workspace}&limit=2");
        Assert.Equal(2, page["reports"]!.AsArray().Count);
        var rest = await bot.GetAsync($"/api/incidents/{(int)a["incident"]!}/reports?workspace={IntakeBot.Workspace}&after={(int)page["next"]!}");
        Assert.Equal([1, 2, 3], page["reports"]!.AsArray().Concat(rest["reports"]!.AsArray()).Select(r => (int)r!["sequence"]!));
        Assert.Null(rest["next"]);
    }

    [Fact]
    public async Task A_trend_seen_after_the_merge_window_opens_a_new_incident()
    {
        var trend = "#window-" + IntakeBot.NewId();
        var first = await bot.ReportAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: trend));
        bot.Clock.Advance(TimeSpan.FromHours(25));
        var later = await bot.ReportAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: trend));

        Assert.NotEqual((int)first["incident"]!, (int)later["incident"]!);
        Assert.False((bool)later["merged"]!);
    }

    [Fact]
    public async Task A_trusted_flaggers_report_raises_the_sev3_it_joins_to_sev2_and_announces_itself_in_its_channel()
    {
        var trend = "#flagged-" + IntakeBot.NewId();
        var opened = await bot.ReportAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: trend));
        var number = (int)opened["incident"]!;
        Assert.Equal("SEV3", (string)(await bot.IncidentAsync(number))["severity"]!);
        var summary = await bot.Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("text")!.Contains($"INC-{number}", StringComparison.Ordinal) && c.Arg("channel") != BotApplication.AnnouncementChannel);
        var channel = summary.Arg("channel")!;
        var flagged = IntakeBot.Report(trendKey: trend);
        flagged["reporter"] = new JsonObject { ["name"] = "Asha", ["organisation"] = "Child Safety NGO", ["trustedFlagger"] = true };

        var joined = await bot.ReportAsync(IncidentSource.Partner, flagged);
        await bot.RunDueAsync();

        Assert.Equal(number, (int)joined["incident"]!);
        Assert.True((bool)joined["merged"]!);
        Assert.Equal("SEV2", (string)(await bot.IncidentAsync(number))["severity"]!);
        await bot.Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == channel && c.Arg("text")!.Contains("SEV2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trusted_flaggers_new_report_opens_at_the_floor_however_mild_it_says_it_is()
    {
        var flagged = IntakeBot.Report(trendKey: "#floor-" + IntakeBot.NewId());
        flagged["severity"] = "sev4";
        flagged["reporter"] = new JsonObject { ["trustedFlagger"] = true };

        var answer = await bot.ReportAsync(IncidentSource.Partner, flagged);

        Assert.Equal("SEV2", (string)(await bot.IncidentAsync((int)answer["incident"]!))["severity"]!);
    }

    [Fact]
    public async Task An_order_received_20_minutes_ago_has_its_clock_due_20_minutes_sooner_than_one_received_now()
    {
        var now = bot.Clock.GetUtcNow();
        JsonObject Order(DateTimeOffset? receivedAt)
        {
            var report = IntakeBot.Report(text: "Remove the listed posts within the statutory period.");
            report["market"] = "IN";
            report["receivedAt"] = receivedAt?.ToString("O", CultureInfo.InvariantCulture);
            report["order"] = new JsonObject
            {
                ["authority"] = "MeitY",
                ["reference"] = "MeitY/IT-69A/" + IntakeBot.NewId(),
                ["regime"] = "in-takedown-order",
                ["legalBasis"] = "IT Act s.69A",
            };
            return report;
        }

        var early = await bot.ReportAsync(IncidentSource.Regulator, Order(now.AddMinutes(-20)));
        var fresh = await bot.ReportAsync(IncidentSource.Regulator, Order(null));

        Assert.NotEqual((int)early["incident"]!, (int)fresh["incident"]!);
        var earlyIncident = await bot.IncidentAsync((int)early["incident"]!);
        var freshIncident = await bot.IncidentAsync((int)fresh["incident"]!);
        DateTimeOffset Due(JsonNode incident) => DateTimeOffset.Parse(
            (string)incident["clocks"]!.AsArray().Single(c => (string)c!["name"]! == "in-takedown-order")!["deadlineAt"]!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromMinutes(20), Due(freshIncident) - Due(earlyIncident));
        Assert.Equal(now.AddMinutes(-20) + TimeSpan.FromHours(3), Due(earlyIncident));
        Assert.Equal("regulator", (string)earlyIncident["source"]!);
        Assert.Equal("MeitY", (string)earlyIncident["order"]!["authority"]!);
        Assert.Equal("IT Act s.69A", (string)earlyIncident["order"]!["legalBasis"]!);
    }

    [Fact]
    public async Task An_order_with_its_own_deadline_runs_its_clock_to_that_deadline()
    {
        var now = bot.Clock.GetUtcNow();
        var report = IntakeBot.Report(text: "Remove the post by the deadline.");
        report["market"] = "DE";
        report["order"] = new JsonObject { ["authority"] = "BNetzA", ["reference"] = "DSA-" + IntakeBot.NewId(), ["deadline"] = now.AddHours(6).ToString("O", CultureInfo.InvariantCulture) };

        var answer = await bot.ReportAsync(IncidentSource.Regulator, report);

        var incident = await bot.IncidentAsync((int)answer["incident"]!);
        var clock = incident["clocks"]!.AsArray().Single(c => (string)c!["name"]! == "order-deadline")!;
        Assert.Equal(now.AddHours(6), DateTimeOffset.Parse((string)clock["deadlineAt"]!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_eml_order_with_an_attachment_opens_an_incident_for_the_mapped_authority_and_keeps_the_attachment()
    {
        var reference = "MeitY-" + IntakeBot.NewId();
        var sent = bot.Clock.GetUtcNow().AddMinutes(-10);
        var pdf = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4 the order's annex listing 3 URLs"), Base64FormattingOptions.InsertLineBreaks);
        var eml = string.Join("\r\n",
            "From: Cyber Law Division <orders@meity.gov.in>",
            "To: legal-intake@example.com",
            $"Subject: Blocking order {reference}",
            $"Date: {sent.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}",
            $"Message-ID: <{reference}@meity.gov.in>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Under section 69A you are directed to block the URLs listed in the annex.",
            "--b1",
            "Content-Type: application/pdf; name=\"annex.pdf\"",
            "Content-Disposition: attachment; filename=\"annex.pdf\"",
            "Content-Transfer-Encoding: base64",
            "",
            pdf,
            "--b1--",
            "");

        using var response = await bot.PostRawAsync("/api/intake/email?market=IN&regime=in-takedown-order", eml, IntakeBot.RegulatorKey, "message/rfc822");
        using var repeat = await bot.PostRawAsync("/api/intake/email?market=IN&regime=in-takedown-order", eml, IntakeBot.RegulatorKey, "message/rfc822");
        using var partner = await bot.PostRawAsync("/api/intake/email", eml, IntakeBot.PartnerKey, "message/rfc822");

        var answer = await ProblemAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, partner.StatusCode);
        var number = (int)answer["incident"]!;
        var incident = await bot.IncidentAsync(number);
        Assert.Equal("regulator", (string)incident["source"]!);
        Assert.Contains(reference, (string)incident["title"]!, StringComparison.Ordinal);
        Assert.Equal("MeitY", (string)incident["order"]!["authority"]!);
        var clock = incident["clocks"]!.AsArray().Single(c => (string)c!["name"]! == "in-takedown-order")!;
        Assert.Equal(sent + TimeSpan.FromHours(3), DateTimeOffset.Parse((string)clock["deadlineAt"]!, CultureInfo.InvariantCulture));
        var report = (await bot.GetAsync($"/api/incidents/{number}/reports?workspace={IntakeBot.Workspace}"))["reports"]!.AsArray().Single()!;
        Assert.Contains("section 69A", (string)report["text"]!, StringComparison.Ordinal);
        var attachment = report["attachments"]!.AsArray().Single()!;
        Assert.Equal("annex.pdf", (string)attachment["fileName"]!);
        Assert.Equal("application/pdf", (string)attachment["contentType"]!);
        Assert.Equal(Encoding.ASCII.GetByteCount("%PDF-1.4 the order's annex listing 3 URLs"), (long)attachment["size"]!);
    }

    [Fact]
    public async Task An_emailed_attachment_is_kept_in_chunks_that_give_back_its_bytes_and_one_above_the_limit_is_only_listed()
    {
        var reference = "Annex-" + IntakeBot.NewId();
        var kept = new byte[600 * 1024];
        var tooLarge = new byte[1_100_000];
        new Random(7).NextBytes(kept);
        new Random(8).NextBytes(tooLarge);
        string Part(string name, byte[] content) => string.Join("\r\n",
            "--b2",
            $"Content-Type: application/octet-stream; name=\"{name}\"",
            $"Content-Disposition: attachment; filename=\"{name}\"",
            "Content-Transfer-Encoding: base64",
            "",
            Convert.ToBase64String(content, Base64FormattingOptions.InsertLineBreaks));
        var eml = string.Join("\r\n",
            "From: Orders <orders@meity.gov.in>",
            $"Subject: Order {reference}",
            $"Message-ID: <{reference}@meity.gov.in>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b2\"",
            "",
            "--b2",
            "Content-Type: text/plain",
            "",
            "See the annexes.",
            Part("evidence.bin", kept),
            Part("video.bin", tooLarge),
            "--b2--",
            "");

        using var response = await bot.PostRawAsync("/api/intake/email", eml, IntakeBot.RegulatorKey, "message/rfc822");

        var number = (int)(await ProblemAsync(response, HttpStatusCode.Accepted))["incident"]!;
        var attachments = (await bot.GetAsync($"/api/incidents/{number}/reports?workspace={IntakeBot.Workspace}"))["reports"]![0]!["attachments"]!.AsArray();
        var evidence = attachments.Single(a => (string)a!["fileName"]! == "evidence.bin")!;
        var video = attachments.Single(a => (string)a!["fileName"]! == "video.bin")!;
        Assert.True((bool)video["isOmitted"]!);
        Assert.Equal(tooLarge.Length, (long)video["size"]!);
        Assert.False((bool)evidence["isOmitted"]!);
        var chunks = (int)evidence["chunks"]!;
        Assert.Equal(3, chunks);
        var joined = new List<byte>();
        for (var i = 0; i < chunks; i++)
        {
            var chunk = await bot.Bot.Documents.ReadAsync<IncidentBot.Dialogs.Intake.ReportAttachmentChunk>(
                IntakeBot.Workspace, IncidentBot.Dialogs.Intake.ReportAttachmentChunk.IdFor((string)evidence["reportId"]!, (string)evidence["sha256"]!, i), default);
            joined.AddRange(chunk!.Value.Content);
        }
        Assert.Equal(kept, joined.ToArray());
    }
}
