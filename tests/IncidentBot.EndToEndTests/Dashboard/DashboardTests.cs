using System.Globalization;
using Microsoft.Playwright;

namespace IncidentBot.EndToEndTests.Dashboard;

/// <summary>The dashboard in headless Debian chromium: sign-in, open incidents, restriction, trends with charts and pickers.</summary>
public sealed class DashboardTests(DashboardSession session) : IClassFixture<DashboardSession>
{
    [Fact]
    public async Task Without_signing_in_every_page_sends_the_browser_to_login_and_shows_no_data()
    {
        var page = await session.NewPageAsync([]);

        foreach (var path in new[] { "/dashboard", "/dashboard/trends", "/dashboard/incidents/1", "/dashboard/oncall" })
        {
            await page.GotoAsync(path);
            Assert.EndsWith("/login?returnUrl=" + Uri.EscapeDataString(path), page.Url, StringComparison.Ordinal);
            var text = await page.InnerTextAsync("body");
            Assert.DoesNotContain("INC-1", text, StringComparison.Ordinal);
            Assert.DoesNotContain("hate speech", text, StringComparison.Ordinal);
        }
        var chart = await page.APIRequest.GetAsync("/dashboard/charts/page-load.png", new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.Equal(302, chart.Status);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_the_right_one_signs_in_to_the_open_incidents()
    {
        var problems = new List<string>();
        var page = await session.NewPageAsync(problems);
        await page.GotoAsync("/login");
        await page.FillAsync("#key", "not-a-key");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("not one of the bot's keys", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        problems.Clear(); // the refused sign-in answers 401 on purpose

        await DashboardSession.SignInAsync(page);

        var rows = page.Locator("tr[data-incident]");
        Assert.Equal(["2", "1"], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.incident)"));
        var open = await page.InnerTextAsync("tr[data-incident='1']");
        Assert.Contains(DashboardBot.OpenTitle, open, StringComparison.Ordinal);
        Assert.Contains("SEV1", open, StringComparison.Ordinal);
        Assert.Contains("in-takedown-order", open, StringComparison.Ordinal);
        Assert.Contains("left", open, StringComparison.Ordinal);
        Assert.Empty(problems);
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "incidentbot.dashboard");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
    }

    [Fact]
    public async Task A_restricted_incident_shows_its_number_and_severity_only()
    {
        var page = await session.NewPageAsync([]);
        await DashboardSession.SignInAsync(page);

        var list = await page.ContentAsync();
        Assert.DoesNotContain(DashboardBot.RestrictedTitle, list, StringComparison.Ordinal);
        var row = await page.InnerTextAsync("tr[data-incident='2']");
        Assert.Contains("INC-2", row, StringComparison.Ordinal);
        Assert.Contains("SEV2", row, StringComparison.Ordinal);
        Assert.Contains("restricted", row, StringComparison.Ordinal);

        await page.ClickAsync("a[href^='/dashboard/incidents/2']");
        var detail = await page.ContentAsync();
        Assert.DoesNotContain(DashboardBot.RestrictedTitle, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("names and school", detail, StringComparison.Ordinal);
        Assert.Contains("INC-2 · SEV2", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trends_show_four_charts_with_alt_text_and_their_numbers_and_the_browser_reports_no_error()
    {
        var problems = new List<string>();
        var page = await session.NewPageAsync(problems);
        await DashboardSession.SignInAsync(page);

        await page.GotoAsync("/dashboard/trends?days=30&by=market");

        var images = page.Locator(".chart img");
        Assert.Equal(4, await images.CountAsync());
        for (var i = 0; i < 4; i++)
        {
            var image = images.Nth(i);
            await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await image.ElementHandleAsync());
            Assert.Equal(800, await image.EvaluateAsync<int>("img => img.naturalWidth"));
            Assert.False(string.IsNullOrWhiteSpace(await image.GetAttributeAsync("alt")));
        }
        Assert.Equal(4, await page.Locator(".chart table[data-chart]").CountAsync());
        Assert.Contains("NP", await page.InnerTextAsync("table[data-chart='mtta-mttr-by-market']"), StringComparison.Ordinal);
        await page.GotoAsync("/dashboard/oncall");
        await page.GotoAsync("/dashboard/incidents/1");
        Assert.Contains(DashboardBot.OpenTitle, await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_pickers_change_the_cut_and_the_numbers()
    {
        var problems = new List<string>();
        var page = await session.NewPageAsync(problems);
        await DashboardSession.SignInAsync(page);
        await page.GotoAsync("/dashboard/trends");
        var thirtyDays = await TotalIncidentsAsync(page);

        await page.SelectOptionAsync("#days", "90");
        await page.SelectOptionAsync("#by", "severity");
        await page.ClickAsync("form.pickers button[type=submit]");
        // The new page's own heading, not WaitForURL (see DashboardSession.SignInAsync).
        await page.Locator("#figures thead th:first-child", new PageLocatorOptions { HasTextString = "severity" }).WaitForAsync();
        Assert.EndsWith("/dashboard/trends?days=90&by=severity", page.Url);

        Assert.Equal(3, thirtyDays); // INC-1, 2 and 3; INC-4 is 40 days old
        Assert.Equal(4, await TotalIncidentsAsync(page));
        Assert.Equal("severity", await page.InnerTextAsync("#figures thead th:first-child"));
        Assert.Equal(["sev2", "sev1", "sev3", "total"], await page.Locator("#figures tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task At_200_percent_zoom_the_figures_still_fit_the_window()
    {
        var page = await session.NewPageAsync([]);
        await DashboardSession.SignInAsync(page);
        await page.SetViewportSizeAsync(640, 900); // a 1280-pixel window at 200 %

        await page.GotoAsync("/dashboard/trends");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the window");
    }

    private static async Task<int> TotalIncidentsAsync(IPage page) =>
        int.Parse(await page.InnerTextAsync("#figures tr[data-key='total'] td:nth-of-type(1)"), CultureInfo.InvariantCulture);
}
