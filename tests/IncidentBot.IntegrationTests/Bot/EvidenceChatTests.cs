using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Timers;
using Microsoft.Extensions.DependencyInjection;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>
/// <c>/incident evidence [n]</c> on Slack: the package goes to the person who asked, a member for a
/// restricted incident, in a direct message with Slack's external upload flow; the read is audited.
/// </summary>
public sealed class SlackEvidenceChatTests : IAsyncLifetime
{
    private TimersBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TimersBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<List<LedgerEntry>> AuditAsync() =>
        await _bot.Bot.Services.GetRequiredService<AuditLog>().ReadAllAsync(CancellationToken.None).ToListAsync();

    [Fact]
    public async Task A_member_of_a_restricted_incident_gets_a_zip_that_verifies_in_a_direct_message_and_the_read_is_audited()
    {
        var (number, _) = await _bot.DeclareAsync("sev1 Minor at risk --restricted");
        await _bot.CommandAsync($"INC-{number} note Account suspended");

        var reply = await _bot.CommandAsync($"INC-{number} evidence");
        await _bot.RunDueAsync();

        Assert.Equal("ephemeral", (string?)reply["response_type"]);
        Assert.Contains($"Preparing the evidence package of INC-{number}", (string?)reply["text"], StringComparison.Ordinal);
        var complete = await _bot.Bot.WaitForSlackAsync("files.completeUploadExternal");
        var intro = Assert.Single(_bot.Posts(SlackRequests.User, "The evidence package of"));
        Assert.StartsWith("D", complete.Arg("channel_id"), StringComparison.Ordinal); // the direct message's conversation, not a channel
        var fileId = complete.JsonArg("files")![0]!["id"]!.GetValue<string>();
        Assert.Equal($"INC-{number}-evidence.zip", _bot.Slack.CallsTo("files.getUploadURLExternal").Single().Arg("filename"));
        var upload = await _bot.Slack.WaitForUploadAsync(fileId);

        var verification = await VerifyAsync(upload.Content);
        var ledger = await new LedgerStore(_bot.Bot.Documents).ReadAsync(SlackRequests.Team, new IncidentNumber(number), 0, null, CancellationToken.None).ToListAsync();
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        Assert.Equal(ledger.Count, verification.GetProperty("entries").GetInt32());
        Assert.Equal(ledger[^1].Hash, verification.GetProperty("head").GetString());
        Assert.Contains(ledger[^1].Hash, intro, StringComparison.Ordinal); // the head quoted apart from the file
        var read = Assert.Single(await AuditAsync(), e => e.Kind == AuditRecord.RestrictedRead);
        Assert.Equal("slack:" + SlackRequests.User, read.Actor);
        Assert.Equal($"evidence.zip (chat upload) INC-{number}", read.Data.GetProperty("target").GetString());
    }

    [Fact]
    public async Task A_non_member_asking_for_a_restricted_incidents_package_is_refused_and_nothing_is_sent()
    {
        var (number, _) = await _bot.DeclareAsync("sev1 Minor at risk --restricted");

        var refused = await _bot.ReplyTextAsync($"evidence {number}", user: TimersBot.Bob);
        await _bot.RunDueAsync();

        Assert.Contains($"INC-{number} is restricted: only its members can get its evidence package", refused, StringComparison.Ordinal);
        Assert.Empty(_bot.Slack.CallsTo("files.getUploadURLExternal"));
        Assert.Empty(_bot.Posts(TimersBot.Bob, "evidence package"));
        Assert.DoesNotContain(await AuditAsync(), e => e.Kind == AuditRecord.RestrictedRead);
    }

    [Fact]
    public async Task Anyone_may_have_an_unrestricted_incidents_package_and_its_read_is_not_audited()
    {
        var (number, _) = await _bot.DeclareAsync("sev3 Spam wave");

        await _bot.CommandAsync($"evidence INC-{number}", user: TimersBot.Bob);
        await _bot.RunDueAsync();

        var complete = await _bot.Bot.WaitForSlackAsync("files.completeUploadExternal");
        var upload = await _bot.Slack.WaitForUploadAsync(complete.JsonArg("files")![0]!["id"]!.GetValue<string>());
        Assert.True((await VerifyAsync(upload.Content)).GetProperty("valid").GetBoolean());
        Assert.Single(_bot.Posts(TimersBot.Bob, "The evidence package of"));
        Assert.DoesNotContain(await AuditAsync(), e => e.Kind == AuditRecord.RestrictedRead);
    }

    [Fact]
    public async Task Help_lists_the_evidence_command()
    {
        var help = await _bot.ReplyTextAsync("help");

        Assert.Contains("evidence [n]", help, StringComparison.Ordinal);
    }

    private async Task<JsonElement> VerifyAsync(byte[] zip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/evidence/verify") { Content = new ByteArrayContent(zip) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotApplication.ApiKey);
        using var response = await _bot.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}

/// <summary>
/// The same command on Teams, which takes no files from a bot: the member gets a personal message with
/// a one-time, short-lived download link; the download is audited with the member's id and address.
/// </summary>
public sealed partial class TeamsEvidenceChatTests : IAsyncLifetime
{
    private readonly string _database = BotApplication.NewDatabasePath();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private FakeBotConnector _connector = null!;
    private TeamsBotApplication _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = new TeamsBotApplication(_connector, _database, new Dictionary<string, string?>
        {
            // The links' host is not dialled by the bot; the test takes the path to the bot's own address.
            ["Evidence:LinkBaseUrl"] = "http://127.0.0.1/incidentbot/",
        }, _clock);
        _client = _bot.Start();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    private async Task<List<LedgerEntry>> AuditAsync() =>
        await _bot.Services.GetRequiredService<AuditLog>().ReadAllAsync(CancellationToken.None).ToListAsync();

    private async Task DeclareRestrictedAsync()
    {
        await _bot.SendAsync(PersonalMessage(_connector.ServiceUrl, Alice, "declare Minor at risk --restricted"));
        await _bot.WaitForConnectorAsync(c => c.Kind == "send" && c.ConversationId == PersonalChat(Alice) && c.CardText.Contains("INC-1 · Minor at risk", StringComparison.Ordinal), "summary");
        await _bot.RunDueWorkAsync();
    }

    private async Task<string> LinkSentToAliceAsync()
    {
        await _bot.SendAsync(PersonalMessage(_connector.ServiceUrl, Alice, "INC-1 evidence"));
        await _bot.WaitForConnectorAsync(c => c.CardText.Contains("Preparing the evidence package of INC-1", StringComparison.Ordinal), "the answer");
        await _bot.RunDueWorkAsync();
        var message = await _bot.WaitForConnectorAsync(c => c.ConversationId == PersonalChat(Alice) && c.CardText.Contains("Download the evidence package of INC-1", StringComparison.Ordinal), "the link");
        var url = new Uri(LinkUrl().Match(message.CardText).Groups[1].Value);
        Assert.StartsWith("/incidentbot/api/evidence/links/", url.AbsolutePath, StringComparison.Ordinal);
        return url.AbsolutePath["/incidentbot".Length..];
    }

    [Fact]
    public async Task A_member_gets_a_one_time_link_whose_zip_verifies_and_whose_download_is_audited()
    {
        await DeclareRestrictedAsync();
        var path = await LinkSentToAliceAsync();

        using var download = await _client.GetAsync(path);
        var zip = await download.Content.ReadAsByteArrayAsync();
        using var again = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        var verification = await EvidenceVerifier.VerifyAsync(new MemoryStream(zip), CancellationToken.None);
        Assert.True(verification.Valid, string.Join("; ", verification.Problems));
        Assert.True(verification.Entries >= 1);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        var read = Assert.Single(await AuditAsync(), e => e.Kind == AuditRecord.RestrictedRead);
        Assert.Equal("teams:" + Alice.AadObjectId, read.Actor);
        Assert.Equal("evidence.zip (chat link) INC-1", read.Data.GetProperty("target").GetString());
        Assert.Equal("127.0.0.1", read.Data.GetProperty("address").GetString());
    }

    [Fact]
    public async Task A_link_not_used_within_its_fifteen_minutes_is_refused()
    {
        await DeclareRestrictedAsync();
        var path = await LinkSentToAliceAsync();

        _clock.Advance(TimeSpan.FromMinutes(16));
        using var late = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.DoesNotContain(await AuditAsync(), e => e.Kind == AuditRecord.RestrictedRead);
    }

    [Fact]
    public async Task A_non_member_is_refused_with_a_clear_message_and_gets_no_link()
    {
        await DeclareRestrictedAsync();

        await _bot.SendAsync(PersonalMessage(_connector.ServiceUrl, Bob, "evidence 1"));

        await _bot.WaitForConnectorAsync(c => c.ConversationId == PersonalChat(Bob)
            && c.CardText.Contains("INC-1 is restricted: only its members can get its evidence package", StringComparison.Ordinal), "the refusal");
        await _bot.RunDueWorkAsync();
        Assert.DoesNotContain(_connector.Calls, c => c.CardText.Contains("Download the evidence package", StringComparison.Ordinal));
        using var guessed = await _client.GetAsync("/api/evidence/links/" + Tenant + "/not-a-token");
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }

    [GeneratedRegex(@"\]\((http://127\.0\.0\.1/incidentbot/api/evidence/links/[^)\s]+)\)")]
    private static partial Regex LinkUrl();
}
