using IncidentBot.Testing.Fakes;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// A <see cref="SlackBot"/> for xUnit. As a class fixture (<c>IClassFixture</c>) one bot serves every test
/// of a class; as a test class's base, xUnit makes one per test, so each test gets a bot of its own.
/// A subclass states only what is special: <see cref="BotOptions"/>, <see cref="ArrangeSlack"/>, <see cref="StartsBot"/>.
/// </summary>
public class SlackBotFixture : IAsyncLifetime
{
    private SlackBot? _started;

    public FakeSlackServer Slack => Started.Slack;

    public BotApplication Bot => Started.Bot;

    public HttpClient Client => Started.Client;

    public string DatabasePath => Started.DatabasePath;

    /// <summary>The stand-in, the database and the bot, once <see cref="InitializeAsync"/> has run.</summary>
    protected SlackBot Started => _started ?? throw new InvalidOperationException("Not started: xUnit calls InitializeAsync first.");

    /// <summary>False where the tests start their own bots over <see cref="Slack"/> and <see cref="DatabasePath"/> (see <see cref="SlackBot.StartStandInAsync"/>).</summary>
    protected virtual bool StartsBot => true;

    /// <summary>Settings, clock and services of the bot; read once, when it starts.</summary>
    protected virtual BotHostOptions BotOptions => new();

    /// <summary>Prepares the stand-in before the bot starts (users, user groups, scripted failures).</summary>
    protected virtual void ArrangeSlack(FakeSlackServer slack)
    {
    }

    public virtual async Task InitializeAsync() =>
        _started = StartsBot ? await SlackBot.StartAsync(BotOptions, ArrangeSlack) : await SlackBot.StartStandInAsync(ArrangeSlack);

    public virtual async Task DisposeAsync()
    {
        if (_started is not null)
            await _started.DisposeAsync();
    }
}
