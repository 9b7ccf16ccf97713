using Microsoft.Playwright;

namespace IncidentBot.EndToEndTests.Dashboard;

/// <summary>
/// One bot with a seeded workspace and one headless Debian chromium (Playwright) for the dashboard
/// tests of a class. Each test gets a fresh browser context (no cookie) that records every console
/// error, page error and failed request, so a test can assert there were none.
/// </summary>
public sealed class DashboardSession : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly string[] BrowserFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-e2e", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public DashboardBot Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Bot = new DashboardBot(_directory);
        Bot.Start();
        await Bot.SeedAsync();
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = FindChromium(), Headless = true, Args = BrowserFlags });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await Bot.DisposeAsync();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A new page in a context of its own; <paramref name="problems"/> collects what the browser complained about.</summary>
    public async Task<IPage> NewPageAsync(List<string> problems)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Bot.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                problems.Add("console: " + message.Text);
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.RequestFailed += (_, request) => problems.Add("request failed: " + request.Url + " " + request.Failure);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                problems.Add($"HTTP {response.Status}: {response.Url}");
        };
        return page;
    }

    /// <summary>Signs in through the form with the bot's key.</summary>
    public static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#key", DashboardBot.ApiKey);
        await page.ClickAsync("button[type=submit]");
        try
        {
            // Not WaitForURL: when the URL already matches it waits for a load state, and twice in CI
            // (once with Load, once with Commit, which is never among a frame's recorded states) it
            // waited 30 s on a page that was at /dashboard and drawn. The Sign out button is shown to
            // a signed-in person only, and the locator polls the page itself.
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }).WaitForAsync();
            if (new Uri(page.Url).AbsolutePath != "/dashboard")
                throw new TimeoutException("signed in, but not on /dashboard");
        }
        catch (TimeoutException e)
        {
            // Say where the page was and what it showed.
            var shown = await page.InnerTextAsync("body");
            throw new TimeoutException($"Sign-in did not reach /dashboard; the page is at {page.Url} showing: {shown[..Math.Min(shown.Length, 500)]}", e);
        }
    }

    private static string FindChromium()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin"))
        {
            var candidate = Path.Combine(directory, "chromium");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException("Debian's chromium is needed (Playwright cannot download browsers here): apt-get install -y chromium (.ci/run does).");
    }
}
