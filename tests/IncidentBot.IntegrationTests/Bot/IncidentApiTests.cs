using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary><c>GET /api/incidents</c>: API keys, filters, timelines, and what restricted incidents hide.</summary>
public sealed class IncidentApiTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private readonly BotApplication _bot = fixture.Bot;

    private async Task DeclareAsync(string team, string text) =>
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(SlackRequests.Command(text, _bot.Clock, team: team))).StatusCode);

    private async Task<string> CommandAsync(string team, string text)
    {
        var response = await _client.SendAsync(SlackRequests.Command(text, _bot.Clock, team: team));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? key = BotApplication.ApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await _client.SendAsync(request);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task Without_a_valid_key_the_api_answers_401(string? key)
    {
        var response = await GetAsync("/api/incidents?workspace=T1", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(BotApplication.ApiKey, HttpStatusCode.OK)]
    public async Task The_set_aside_work_list_is_mapped_with_the_incidents_api_behind_the_same_key(string? key, HttpStatusCode expected)
    {
        var response = await GetAsync("/api/work", key);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Incidents_are_filtered_by_source_severity_market_and_status()
    {
        var team = BotFixture.NewTeam();
        await DeclareAsync(team, "declare sev1 Removal order --source regulator --market NP --lang ne");
        await DeclareAsync(team, "declare sev3 Spam trend --source trending --market IN");
        await DeclareAsync(team, "declare sev2 Partner escalation --source partner --market NP");
        await _client.SendAsync(SlackRequests.Command("INC-2 resolve fixed", _bot.Clock, team: team));

        async Task<int[]> NumbersAsync(string query)
        {
            var response = await GetAsync($"/api/incidents?workspace={team}&{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(i => (int)i!["number"]!)];
        }

        Assert.Equal(new[] { 3, 2, 1 }, await NumbersAsync(""));
        Assert.Equal(new[] { 1 }, await NumbersAsync("source=regulator"));
        Assert.Equal(new[] { 1 }, await NumbersAsync("severity=sev1"));
        Assert.Equal(new[] { 3, 1 }, await NumbersAsync("market=np"));
        Assert.Equal(new[] { 3, 1 }, await NumbersAsync("status=open"));
        Assert.Equal(new[] { 2 }, await NumbersAsync("status=resolved"));
        Assert.Equal(new[] { 1 }, await NumbersAsync("language=ne"));
    }

    [Theory]
    [InlineData("status=sleeping", "status")]
    [InlineData("severity=sev9", "severity")]
    [InlineData("source=aliens", "source")]
    [InlineData("market=NP,IN", "market")]
    public async Task A_bad_filter_is_a_validation_problem_naming_it(string query, string field)
    {
        var response = await GetAsync($"/api/incidents?workspace=T1&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task One_incident_comes_with_its_timeline_in_order()
    {
        var team = BotFixture.NewTeam();
        await DeclareAsync(team, "declare sev2 Timeline check");
        await _client.SendAsync(SlackRequests.Command("INC-1 status investigating", _bot.Clock, team: team));
        await _client.SendAsync(SlackRequests.Command("INC-1 note Sampled 200 reports", _bot.Clock, team: team));

        var response = await GetAsync($"/api/incidents/1?workspace={team}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var incident = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("INC-1", (string?)incident["key"]);
        Assert.Equal("investigating", (string?)incident["status"]);
        var timeline = incident["timeline"]!.AsArray();
        var kinds = timeline.Select(e => (string?)e!["kind"]).ToList();
        Assert.Equal("declared", kinds[0]);
        // The channel job records "channelCreated" whenever it gets there; the commands keep their order.
        Assert.True(kinds.IndexOf("statusChanged") < kinds.IndexOf("note"));
        var times = timeline.Select(e => DateTimeOffset.Parse((string)e!["at"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task A_restricted_incident_keeps_its_numbers_but_not_its_words()
    {
        var team = BotFixture.NewTeam();
        await DeclareAsync(team, "declare sev1 Minor involved in livestream --restricted --market NP");
        await _client.SendAsync(SlackRequests.Command("INC-1 note child's name withheld", _bot.Clock, team: team));

        var body = await (await GetAsync($"/api/incidents/1?workspace={team}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("livestream", body, StringComparison.Ordinal);
        Assert.DoesNotContain("withheld", body, StringComparison.Ordinal);
        var incident = JsonNode.Parse(body)!;
        Assert.True((bool)incident["isRestricted"]!);
        Assert.Equal("SEV1", (string?)incident["severity"]);
    }

    [Fact]
    public async Task The_post_mortem_draft_of_a_restricted_incident_shows_no_pause_reason_and_no_post_mortem_link()
    {
        var team = BotFixture.NewTeam();
        await DeclareAsync(team, "declare sev1 Minor involved in livestream --restricted --market NP");
        await CommandAsync(team, "INC-1 clock start reply-window 1h");
        await CommandAsync(team, "INC-1 clock pause reply-window waiting for the guardian of Priya");
        await CommandAsync(team, "INC-1 resolve removed everywhere");
        await CommandAsync(team, "INC-1 postmortem done https://docs.example.com/pm/priya-case");

        var response = await GetAsync($"/api/incidents/1/postmortem.md?workspace={team}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var draft = await response.Content.ReadAsStringAsync();
        Assert.Contains("Clock reply-window paused", draft, StringComparison.Ordinal);
        Assert.Contains("Post-mortem done", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("guardian", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya", draft, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("docs.example.com", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("livestream", draft, StringComparison.Ordinal);
        var incident = await (await GetAsync($"/api/incidents/1?workspace={team}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("guardian", incident, StringComparison.Ordinal);
        Assert.DoesNotContain("docs.example.com", incident, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_incident_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/incidents/999?workspace={BotFixture.NewTeam()}")).StatusCode);
    }

    [Fact]
    public async Task Readiness_reports_the_store_and_the_job_server_to_a_caller_with_an_api_key()
    {
        var response = await GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", (string?)report["checks"]!["store"]!["status"]);
        Assert.Contains(Path.GetFileName(_bot.DatabasePath), (string?)report["checks"]!["store"]!["description"], StringComparison.Ordinal);
        Assert.Equal("Healthy", (string?)report["checks"]!["jobs"]!["status"]);
    }

    [Theory]
    [InlineData("/readyz", null)]
    [InlineData("/readyz", "wrong-key")]
    [InlineData("/healthz", null)]
    public async Task Health_endpoints_tell_an_anonymous_caller_the_status_only(string path, string? key)
    {
        var response = await GetAsync(path, key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Healthy", (string?)JsonNode.Parse(body)!["status"]);
        Assert.DoesNotContain("checks", body, StringComparison.Ordinal);
        Assert.DoesNotContain("store", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetFileName(_bot.DatabasePath), body, StringComparison.Ordinal);
    }
}
