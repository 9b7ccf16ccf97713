using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IncidentBot.EndToEndTests.Playground;

/// <summary>
/// One bot, one Playground and one headless Debian chromium driven by Playwright, shared by the
/// tests of a class; everything is stopped and its temporary folder deleted at the end. Waits are
/// bounded; a failure says what was awaited and shows the chat's text, a screenshot's path, the
/// bot's warnings and the Playground's log.
/// </summary>
public sealed class PlaygroundSession : IAsyncLifetime
{
    /// <summary>Long enough for a cold first turn on a busy 2-core machine, short enough to fail clearly.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(45);

    /// <summary>Set to 1 to (re)write the screenshots of docs/TRY.md into docs/img; review them before committing.</summary>
    public const string UpdateScreenshotsVariable = "UPDATE_SCREENSHOTS";

    private static readonly string[] BrowserFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-e2e", Guid.NewGuid().ToString("N"));
    private PlaygroundBot? _bot;
    private PlaygroundProcess? _playground;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage? _page;
    private int _shots;

    public IPage Page => _page ?? throw new InvalidOperationException("The session did not start.");

    /// <summary>The bot's adaptive cards as the Playground renders them.</summary>
    public ILocator Cards => Page.Locator(".ac-adaptiveCard");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var chromium = FindChromium();
        _bot = new PlaygroundBot(_directory);
        _bot.Start();
        _playground = await PlaygroundProcess.StartAsync(_bot.MessagesEndpoint, _directory);
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = BrowserFlags });
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        _page.SetDefaultTimeout((float)AnswerTimeout.TotalMilliseconds);
        await _page.GotoAsync(_playground.Address.ToString());
        await OpenAsync("Personal Chat");
        // The Playground installs the app when the page opens; the bot answers with its welcome.
        await WaitForCardAsync(Cards.Filter(new LocatorFilterOptions { HasText = "I'm IncidentBot" }), "the welcome in the personal chat");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_playground is not null)
            await _playground.DisposeAsync();
        if (_bot is not null)
            await _bot.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing a file; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>Opens a conversation from the left-hand list ("Personal Chat", "My Team - General", …).</summary>
    public Task OpenAsync(string conversation) =>
        Page.GetByRole(AriaRole.Treeitem, new PageGetByRoleOptions { Name = conversation, Exact = true }).ClickAsync();

    /// <summary>Types a message into the compose box and sends it, as a person does.</summary>
    public async Task SendAsync(string text)
    {
        var compose = Page.Locator("[data-lexical-editor='true']");
        await compose.ClickAsync();
        await Page.Keyboard.TypeAsync(text);
        await Page.Keyboard.PressAsync("Enter");
    }

    /// <summary>The last card matching, once it is there; otherwise a failure that shows the page.</summary>
    public async Task<ILocator> WaitForCardAsync(ILocator cards, string description)
    {
        var card = cards.Last;
        try
        {
            await card.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = (float)AnswerTimeout.TotalMilliseconds });
            return card;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(await DescribeAsync($"No {description} within {AnswerTimeout.TotalSeconds} s."), e);
        }
    }

    public ILocator CardsWith(Regex text) => Cards.Filter(new LocatorFilterOptions { HasTextRegex = text });

    /// <summary>A screenshot in the session's folder, and in docs/img when <see cref="UpdateScreenshotsVariable"/> is 1.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(_directory, $"{Interlocked.Increment(ref _shots):00}-{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        if (Environment.GetEnvironmentVariable(UpdateScreenshotsVariable) == "1")
            File.Copy(path, Path.Combine(RepositoryPaths.Root, "docs", "img", name + ".png"), overwrite: true);
        return path;
    }

    /// <summary>What went wrong, with what the page showed, for a failure message.</summary>
    public async Task<string> DescribeAsync(string problem)
    {
        var text = new List<string> { problem };
        try
        {
            var shot = Path.Combine(RepositoryPaths.Root, "TestResults", $"playground-failure-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
            text.Add("Screenshot: " + shot);
            var cards = await Cards.AllInnerTextsAsync();
            text.Add("Cards on the page (last 5):\n" + string.Join("\n---\n", cards.TakeLast(5)));
        }
        catch (PlaywrightException e)
        {
            text.Add("(the page could not be read: " + e.Message + ")");
        }
        lock (_bot!.Problems)
            text.Add("Bot warnings and errors:\n" + string.Join('\n', _bot.Problems.TakeLast(20)));
        text.Add(_playground!.Describe());
        return string.Join('\n', text);
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
