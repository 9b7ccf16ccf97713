using IncidentBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Testing.Hosts;

/// <summary>The whole bot (see <see cref="BotHost"/>) talking to a <see cref="FakeSlackServer"/>, with an API key for the HTTP API.</summary>
public sealed class BotApplication : BotHost
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string ApiKey = "test-api-key-0123456789";
    public const string AnnouncementChannel = "C0ANNOUNCE";

    /// <param name="settings">Added to the defaults; a null value removes that default.</param>
    public BotApplication(
        FakeSlackServer slack, string databasePath, TimeProvider? clock = null, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
        : this(slack, databasePath, new BotHostOptions { Settings = settings, Clock = clock, Services = services })
    {
    }

    public BotApplication(FakeSlackServer slack, string databasePath, BotHostOptions options)
        : base(databasePath, SlackSettings(slack), options)
    {
        Slack = slack;
    }

    public FakeSlackServer Slack { get; }

    /// <summary>Waits for the bot to call Slack; on a timeout the failure shows the bot's warnings and errors.</summary>
    public Task<SlackApiCall> WaitForSlackAsync(string method, Func<SlackApiCall, bool>? predicate = null, TimeSpan? timeout = null) =>
        WithBotStateOnTimeoutAsync(Slack.WaitForCallAsync(method, predicate, timeout));

    private static Dictionary<string, string?> SlackSettings(FakeSlackServer slack)
    {
        ArgumentNullException.ThrowIfNull(slack);
        return new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            // The fake Slack and its response_urls are on 127.0.0.1: allowed only by this development setting.
            ["Slack:AllowLoopbackTargets"] = "true",
            ["Slack:AnnouncementChannel"] = AnnouncementChannel,
            ["Api:Keys:0"] = ApiKey,
        };
    }
}
