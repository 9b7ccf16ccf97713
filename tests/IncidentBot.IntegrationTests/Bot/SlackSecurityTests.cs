using System.Globalization;
using System.Net;
using System.Text;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Slack.Inbound;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>Requests that are not from Slack, or not what they claim, change nothing.</summary>
public sealed class SlackSecurityTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private readonly TimeProvider _clock = fixture.Bot.Clock;

    [Fact]
    public async Task A_wrong_signature_is_refused_with_401_and_a_log_line()
    {
        var team = BotFixture.NewTeam();
        var request = SlackRequests.SignedRequest("/slack/commands",
            SlackRequests.FormBody(new Dictionary<string, string> { ["team_id"] = team, ["user_id"] = "U1", ["channel_id"] = "C1", ["text"] = "declare sev1 Forged" }),
            "application/x-www-form-urlencoded", _clock, secret: "not-the-signing-secret");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(fixture.Bot.Logs.Logs, l => l.Message.Contains("BadSignature", StringComparison.Ordinal));
        Assert.Null(await fixture.Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default));
    }

    // Half a minute past the window, not one second: the bot reads the real clock a moment after the
    // test does, and on a loaded machine that moment can be seconds.
    [Theory]
    [InlineData(-330)]
    [InlineData(330)]
    [InlineData(-86_400)]
    public async Task A_timestamp_outside_five_minutes_is_refused_even_when_correctly_signed(int offsetSeconds)
    {
        var body = SlackRequests.FormBody(new Dictionary<string, string> { ["team_id"] = "T1", ["user_id"] = "U1", ["channel_id"] = "C1", ["text"] = "help" });
        var timestamp = (_clock.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds).ToString(CultureInfo.InvariantCulture);
        var signature = SlackSignature.Compute(BotApplication.SigningSecret, timestamp, Encoding.UTF8.GetBytes(body));

        var response = await _client.SendAsync(SlackRequests.Raw("/slack/commands", body, "application/x-www-form-urlencoded", timestamp, signature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("1700000000", null)]
    [InlineData("not-a-number", "v0=abc")]
    [InlineData("", "")]
    public async Task Missing_or_malformed_signature_headers_are_refused(string? timestamp, string? signature)
    {
        var response = await _client.SendAsync(SlackRequests.Raw("/slack/events", "{}", "application/json", timestamp, signature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_a_mebibyte_is_refused_with_413_and_changes_nothing()
    {
        var team = BotFixture.NewTeam();
        var body = SlackRequests.FormBody(new Dictionary<string, string>
        {
            ["team_id"] = team, ["user_id"] = "U1", ["channel_id"] = "C1", ["text"] = "declare sev1 " + new string('a', SlackRequestBody.MaxBytes),
        });

        var response = await _client.SendAsync(SlackRequests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded", _clock));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(await fixture.Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var signed = SlackRequests.Command("declare sev3 Original title", _clock);
        var timestamp = signed.Headers.GetValues(SlackRequestVerifier.TimestampHeader).Single();
        var signature = signed.Headers.GetValues(SlackRequestVerifier.SignatureHeader).Single();
        var tampered = (await signed.Content!.ReadAsStringAsync()).Replace("Original", "Tampered", StringComparison.Ordinal);

        var response = await _client.SendAsync(SlackRequests.Raw("/slack/commands", tampered, "application/x-www-form-urlencoded", timestamp, signature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_replayed_command_is_answered_without_declaring_twice()
    {
        var team = BotFixture.NewTeam();
        var original = SlackRequests.Command("declare sev2 Replay check " + team, _clock, team: team);
        var body = await original.Content!.ReadAsStringAsync();
        var timestamp = original.Headers.GetValues(SlackRequestVerifier.TimestampHeader).Single();
        var signature = original.Headers.GetValues(SlackRequestVerifier.SignatureHeader).Single();

        var first = await _client.SendAsync(original);
        var replay = await _client.SendAsync(SlackRequests.Raw("/slack/commands", body, "application/x-www-form-urlencoded", timestamp, signature));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("already handled", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await fixture.Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default));
        Assert.Null(await fixture.Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(2), default));
    }

    [Fact]
    public async Task A_replayed_query_is_answered_again_and_claims_nothing()
    {
        var team = BotFixture.NewTeam();
        var original = SlackRequests.Command("list all", _clock, team: team);
        var body = await original.Content!.ReadAsStringAsync();
        var timestamp = original.Headers.GetValues(SlackRequestVerifier.TimestampHeader).Single();
        var signature = original.Headers.GetValues(SlackRequestVerifier.SignatureHeader).Single();

        var first = await _client.SendAsync(original);
        var replay = await _client.SendAsync(SlackRequests.Raw("/slack/commands", body, "application/x-www-form-urlencoded", timestamp, signature));

        var firstText = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(firstText, await replay.Content.ReadAsStringAsync());
        Assert.DoesNotContain("already handled", firstText, StringComparison.Ordinal);
        var claims = new DocumentQuery(team, "delivery");
        Assert.Equal(0, await fixture.Bot.Documents.CountAsync(claims, default));
    }

    [Fact]
    public async Task A_form_without_team_or_user_is_a_bad_request()
    {
        var body = SlackRequests.FormBody(new Dictionary<string, string> { ["channel_id"] = "C1", ["text"] = "help" });

        var response = await _client.SendAsync(SlackRequests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded", _clock));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("team_id is missing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("payload=%7Bnot-json")]
    [InlineData("payload=")]
    [InlineData("nothing=here")]
    public async Task A_malformed_interaction_is_a_bad_request(string body)
    {
        var response = await _client.SendAsync(SlackRequests.SignedRequest("/slack/interactions", body, "application/x-www-form-urlencoded", _clock));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"event_callback\",\"team_id\":\"T1\"}")]
    public async Task A_malformed_event_is_a_bad_request(string body)
    {
        var response = await _client.SendAsync(SlackRequests.SignedRequest("/slack/events", body, "application/json", _clock));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>A bot without Slack secrets still starts and says what to set.</summary>
public sealed class SlackNotConfiguredTests : SlackBotFixture
{
    protected override BotHostOptions BotOptions => new() { Settings = new Dictionary<string, string?> { ["Slack:SigningSecret"] = "", ["Slack:BotToken"] = "" } };

    [Fact]
    public async Task Slack_endpoints_answer_503_naming_the_settings_to_set()
    {
        var response = await Client.SendAsync(SlackRequests.Command("help", Bot.Clock));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Slack__SigningSecret", body, StringComparison.Ordinal);
        Assert.Contains("Slack__BotToken", body, StringComparison.Ordinal);
        Assert.Contains(Bot.Logs.Logs, l => l.Message.Contains("Slack is not configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bot_is_still_healthy_and_ready()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/readyz")).StatusCode);
    }
}
