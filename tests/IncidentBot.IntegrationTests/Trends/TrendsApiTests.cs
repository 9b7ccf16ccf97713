using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Builders;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary><c>/api/trends</c>, <c>/api/trends.csv</c> and <c>/api/incidents.csv</c> over real HTTP, on the hand-computed data set.</summary>
public sealed class TrendsApiTests(TrendsBot fixture) : IClassFixture<TrendsBot>
{
    private const string November = "from=2026-11-01&to=2026-11-21T12:00:00Z";

    [Theory]
    [InlineData("/api/trends")]
    [InlineData("/api/trends.csv")]
    [InlineData("/api/incidents.csv")]
    public async Task Without_an_api_key_the_answer_is_401_and_no_data(string path)
    {
        var workspace = await fixture.SeedAsync();

        using var response = await fixture.Client.SendAsync(TrendsBot.Get($"{path}?workspace={workspace}", withKey: false));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Trends_by_market_answer_the_figures_of_each_market_and_the_total()
    {
        var workspace = await fixture.SeedAsync();

        using var response = await fixture.Client.SendAsync(TrendsBot.Get($"/api/trends?workspace={workspace}&{November}&by=market"));

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("market", root.GetProperty("by").GetString());
        Assert.Equal("2026-11-01T00:00:00+00:00", root.GetProperty("from").GetString());
        var india = root.GetProperty("rows")[0];
        Assert.Equal("IN", india.GetProperty("key").GetString());
        Assert.Equal(3, india.GetProperty("incidents").GetInt32());
        Assert.Equal(4, india.GetProperty("reports").GetInt32());
        Assert.Equal(600, india.GetProperty("mttaSeconds").GetProperty("p50").GetInt64());
        Assert.Equal(5400, india.GetProperty("mttaSeconds").GetProperty("p90").GetInt64());
        Assert.Equal(0.6667, india.GetProperty("breachRate").GetDouble());
        Assert.Equal(1, india.GetProperty("nightPages").GetInt32());
        var total = root.GetProperty("total");
        Assert.Equal(4, total.GetProperty("incidents").GetInt32());
        Assert.Equal(21600, total.GetProperty("mttrSeconds").GetProperty("p90").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("rows")[2].GetProperty("breachRate").ValueKind);
    }

    [Fact]
    public async Task Without_a_range_the_last_30_days_count()
    {
        var workspace = await fixture.SeedAsync();

        using var response = await fixture.Client.SendAsync(TrendsBot.Get($"/api/trends?workspace={workspace}"));

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("source", json.RootElement.GetProperty("by").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("total").GetProperty("incidents").GetInt32()); // INC-5 of 25 October too
    }

    [Fact]
    public async Task Bad_parameters_are_problem_details_naming_each_parameter()
    {
        var workspace = await fixture.SeedAsync();

        using var response = await fixture.Client.SendAsync(TrendsBot.Get($"/api/trends?workspace={workspace}&by=planet&from=yesterday&market=Nepal"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("by", out _));
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.True(errors.TryGetProperty("market", out _));
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_is_refused()
    {
        using var response = await fixture.Client.SendAsync(TrendsBot.Get($"/api/trends?workspace=T1&from=2026-11-10&to=2026-11-01"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from must be before to", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trends_csv_has_a_header_the_rows_and_the_total_last()
    {
        var workspace = await fixture.SeedAsync();

        using var response = await fixture.Client.SendAsync(TrendsBot.Get($"/api/trends.csv?workspace={workspace}&{November}&by=severity"));

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var records = StrictCsv.Read(await response.Content.ReadAsStringAsync());
        Assert.Equal(["severity", "incidents", "reports", "mttaP50Seconds"], records[0][..4]);
        Assert.Equal(["sev1", "2", "1", "120"], records[1][..4]);
        Assert.Equal("total", records[^1][0]);
        Assert.Equal("4", records[^1][1]);
        Assert.Equal(5, records.Count);
    }

    [Fact]
    public async Task Incidents_csv_round_trips_commas_quotes_newlines_and_devanagari_through_a_strict_reader()
    {
        var workspace = await fixture.SeedAsync();
        string[] titles =
        [
            "Spam, scams, and \"giveaways\" on #trend",
            "Line one\r\nline two\nline three",
            "नेपाली भाषामा घृणा फैलाउने पोस्टहरू, \"भाइरल\"",
            "भोजपुरी वीडियो: हिंसा के धमकी",
        ];
        for (var i = 0; i < titles.Length; i++)
        {
            await fixture.Bot.Documents.UpsertAsync(
                new IncidentBuilder().InWorkspace(workspace).WithNumber(100 + i).WithTitle(titles[i]).WithMarkets("NP", "IN").WithLanguages("ne", "bho").Build(),
                default);
        }

        using var response = await fixture.Client.SendAsync(TrendsBot.Get($"/api/incidents.csv?workspace={workspace}&market=NP&language=bho"));

        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte-order mark");
        var records = StrictCsv.Read(Encoding.UTF8.GetString(bytes));
        Assert.Equal(["number", "title", "restricted", "severity", "status", "source", "markets", "languages", "declaredAt"], records[0][..9]);
        var byNumber = records.Skip(1).ToDictionary(r => int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([103, 102, 101, 100, 2], records.Skip(1).Select(r => int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)));
        for (var i = 0; i < titles.Length; i++)
        {
            Assert.Equal(titles[i], byNumber[100 + i][1]);
            Assert.Equal("NP;IN", byNumber[100 + i][6]);
        }
    }

    [Fact]
    public async Task Incidents_csv_keeps_a_restricted_incident_with_its_title_withheld_and_its_figures()
    {
        var workspace = await fixture.SeedAsync();
        await fixture.Bot.Documents.UpsertAsync(
            new IncidentBuilder().InWorkspace(workspace).WithNumber(200).WithTitle("Minor's account, name and school").WithSeverity(Severity.Sev1).Build()
                with { IsRestricted = true, Description = "personal data" },
            default);

        using var response = await fixture.Client.SendAsync(TrendsBot.Get($"/api/incidents.csv?workspace={workspace}"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Minor", text, StringComparison.Ordinal);
        Assert.DoesNotContain("personal data", text, StringComparison.Ordinal);
        var row = StrictCsv.Read(text).Single(r => r[0] == "200");
        Assert.Equal(["200", "withheld: restricted incident", "true", "sev1"], row[..4]);
    }

    [Fact]
    public async Task Incidents_csv_larger_than_the_writers_buffer_streams_every_row()
    {
        var workspace = await fixture.SeedAsync();
        const int Extra = 1500; // about 300 KiB of CSV: the writer's buffer fills many times over
        for (var n = 1000; n < 1000 + Extra; n++)
        {
            await fixture.Bot.Documents.UpsertAsync(
                new IncidentBuilder().InWorkspace(workspace).WithNumber(n).WithTitle($"Bulk export row {n}, \"quoted\" and long: {new string('x', 120)}").Build(),
                default);
        }

        using var response = await fixture.Client.SendAsync(TrendsBot.Get($"/api/incidents.csv?workspace={workspace}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var records = StrictCsv.Read(await response.Content.ReadAsStringAsync());
        Assert.Equal(Extra, records.Count(r => int.TryParse(r[0], CultureInfo.InvariantCulture, out var n) && n >= 1000));
        Assert.Contains(records, r => r[0] == "2499" && r[1].StartsWith("Bulk export row 2499, \"quoted\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incidents_csv_counts_clocks_met_and_breached_and_reports()
    {
        var workspace = await fixture.SeedAsync();

        using var response = await fixture.Client.SendAsync(TrendsBot.Get($"/api/incidents.csv?workspace={workspace}&source=regulator"));

        var records = StrictCsv.Read(await response.Content.ReadAsStringAsync());
        var header = records[0].ToList();
        var first = records.Single(r => r[0] == "1");
        Assert.Equal("1", first[header.IndexOf("clocksMet")]);
        Assert.Equal("1", first[header.IndexOf("clocksBreached")]);
        Assert.Equal("U1", first[header.IndexOf("lead")]);
        Assert.Equal("2026-11-02T10:05:00Z", first[header.IndexOf("acknowledgedAt")]);
        Assert.Equal("1", records.Single(r => r[0] == "4")[header.IndexOf("reportCount")]);
        Assert.Equal(3, records.Count - 1); // INC-1, INC-4, INC-5
    }

    [Fact]
    public async Task A_title_a_spreadsheet_would_run_as_a_formula_is_exported_as_text()
    {
        var workspace = await fixture.SeedAsync();
        await fixture.Bot.Documents.UpsertAsync(
            new IncidentBuilder().InWorkspace(workspace).WithNumber(300).WithTitle("=HYPERLINK(\"http://x\",\"click\")").Build(), default);

        using var response = await fixture.Client.SendAsync(TrendsBot.Get($"/api/incidents.csv?workspace={workspace}"));

        var row = StrictCsv.Read(await response.Content.ReadAsStringAsync()).Single(r => r[0] == "300");
        Assert.Equal("'=HYPERLINK(\"http://x\",\"click\")", row[1]);
    }
}
