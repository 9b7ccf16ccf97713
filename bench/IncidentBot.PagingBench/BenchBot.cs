using IncidentBot.Testing.Fakes;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.PagingBench;

/// <summary>A bot with an on-call file of one rotation, its database and the fake Slack, disposed together.</summary>
internal sealed class BenchBot : IAsyncDisposable
{
    public const string OnCall = "U0ONCALL";

    private readonly string _directory;

    private BenchBot(FakeSlackServer slack, BotApplication bot, HttpClient client, string directory)
    {
        Slack = slack;
        Bot = bot;
        Client = client;
        _directory = directory;
    }

    public FakeSlackServer Slack { get; }

    public BotApplication Bot { get; }

    public HttpClient Client { get; }

    public static async Task<BenchBot> StartAsync(int waitSeconds)
    {
        var slack = await FakeSlackServer.StartAsync();
        slack.AddUser(new FakeSlackUser(OnCall, "On Call", "oncall@example.com", "Asia/Kathmandu"));
        slack.AddUser(new FakeSlackUser("U0NEXT", "Next Step", "next@example.com"));
        var directory = Path.Combine(Path.GetTempPath(), "incidentbot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "oncall.yaml");
        await File.WriteAllTextAsync(file, $$"""
            teams:
              - id: tns
                rotations:
                  - id: tns-primary
                    layers:
                      - timeZone: Asia/Kathmandu
                        start: 2026-01-05
                        shift: 7d
                        participants: [oncall@example.com]
            policies:
              - id: tns-incident
                steps:
                  - oncall: tns-primary
                    wait: {{waitSeconds}}s
                  - person: next@example.com
                    wait: 1h
            routing:
              - page: [tns-incident]
            """);
        var bot = new BotApplication(slack, Path.Combine(directory, "bot.db"), settings: new Dictionary<string, string?>
        {
            ["OnCall:ConfigPath"] = file,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Slack:AnnouncementChannel"] = "",
            ["Jobs:WorkerCount"] = Environment.GetEnvironmentVariable("BENCH_WORKERS") ?? "10",
        });
        return new BenchBot(slack, bot, bot.Start(), directory);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
