using System.Net;
using System.Net.Sockets;
using System.Text;
using IncidentBot.Storage.Cosmos;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.Tests.Deploy;

/// <summary>
/// deploy/compose.yaml, read as Compose reads it (YAML with merge keys). No Docker engine runs
/// here, so `docker compose config/up` cannot; these tests check what can be checked without one.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] Bots = ["bot-1", "bot-2"];

    private static readonly YamlMappingNode Services = LoadServices();

    [Fact]
    public void Runs_two_bot_instances_with_redis_and_the_cosmos_db_emulator()
    {
        Assert.StartsWith("mcr.microsoft.com/cosmosdb/linux/azure-cosmos-emulator:", Scalar(Service("cosmos"), "image"), StringComparison.Ordinal);
        Assert.StartsWith("redis:", Scalar(Service("redis"), "image"), StringComparison.Ordinal);
        foreach (var bot in Bots)
        {
            Assert.Equal("incidentbot:latest", Scalar(Service(bot), "image"));
            Assert.Equal("never", Scalar(Service(bot), "pull_policy"));
        }
    }

    [Fact]
    public void Both_instances_keep_their_jobs_in_the_one_redis()
    {
        foreach (var bot in Bots)
        {
            var environment = Environment(bot);
            Assert.Equal("Redis", environment["Jobs__Storage"]);
            Assert.Equal("redis:6379", environment["Jobs__Redis__ConnectionString"]);
        }
        Assert.Equal("service_healthy", Scalar(Mapping(Mapping(Service("bot-1"), "depends_on"), "redis"), "condition"));
    }

    [Fact]
    public void Both_instances_reach_the_emulator_on_loopback_where_the_bot_accepts_its_certificate()
    {
        foreach (var bot in Bots)
        {
            var environment = Environment(bot);
            var options = new CosmosOptions
            {
                Endpoint = environment["Cosmos__Endpoint"],
                Key = environment["Cosmos__Key"],
                AcceptSelfSignedCertificate = bool.Parse(environment["Cosmos__AcceptSelfSignedCertificate"]),
                ConnectionMode = Enum.Parse<CosmosConnectionMode>(environment["Cosmos__ConnectionMode"]),
            };

            Assert.True(CosmosAccount.TryResolve(options, out var account, out var problem), problem);
            // The bot honours AcceptSelfSignedCertificate for loopback endpoints only: hence the shared namespace.
            Assert.True(account!.IsLoopback, $"{bot}: {options.Endpoint} is not loopback");
            Assert.Equal("service:cosmos", Scalar(Service(bot), "network_mode"));
            Assert.Equal(CosmosConnectionMode.Gateway, options.ConnectionMode);
            Assert.Equal("service_healthy", Scalar(Mapping(Mapping(Service(bot), "depends_on"), "cosmos"), "condition"));
        }
    }

    [Fact]
    public void The_instances_share_one_network_namespace_so_they_listen_on_different_ports_that_the_emulator_publishes()
    {
        var ports = Bots.Select(bot => new Uri(Environment(bot)["URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
        var published = Sequence(Service("cosmos"), "ports").Select(p => ((YamlScalarNode)p).Value!).ToList();
        foreach (var port in ports)
            Assert.Contains($"127.0.0.1:{port}:{port}", published);
    }

    [Fact]
    public void Each_instance_has_its_own_data_volume_made_writable_for_the_image_s_user_before_it_starts()
    {
        var volumes = Bots.Select(bot => Assert.Single(Sequence(Service(bot), "volumes").Select(v => ((YamlScalarNode)v).Value!))).ToList();
        Assert.All(volumes, volume => Assert.EndsWith(":/data", volume, StringComparison.Ordinal));
        Assert.Equal(volumes.Count, volumes.Distinct().Count());

        var permissions = Service("data-permissions");
        Assert.Equal("root", Scalar(permissions, "user"));
        var chown = Sequence(permissions, "entrypoint").Select(a => ((YamlScalarNode)a).Value!).ToList();
        Assert.Equal(["chown", "app:app"], chown.Take(2));
        var mounts = Sequence(permissions, "volumes").Select(v => ((YamlScalarNode)v).Value!.Split(':')).ToDictionary(v => v[0], v => v[1]);
        foreach (var volume in volumes.Select(v => v.Split(':')[0]))
            Assert.Contains(mounts[volume], chown);
        foreach (var bot in Bots)
            Assert.Equal("service_completed_successfully", Scalar(Mapping(Mapping(Service(bot), "depends_on"), "data-permissions"), "condition"));
    }

    [Fact]
    public void Sets_only_settings_the_bot_reads()
    {
        foreach (var bot in Bots)
            Assert.All(Environment(bot).Keys, name => Assert.True(BotSettingNames.IsKnown(name), $"{bot}: {name} is not a setting of the bot"));
    }

    [Fact]
    public void The_example_env_file_names_only_settings_the_bot_reads()
    {
        var names = File.ReadAllLines(RepositoryFiles.PathOf("deploy", "compose.env.example"))
            .Select(line => line.TrimStart('#').Trim())
            .Where(line => line.Contains('=', StringComparison.Ordinal) && !line.Contains(' ', StringComparison.Ordinal))
            .Select(line => line[..line.IndexOf('=', StringComparison.Ordinal)])
            .ToList();

        Assert.Contains("Slack__AppToken", names);
        Assert.All(names, name => Assert.True(BotSettingNames.IsKnown(name), $"{name} is not a setting of the bot"));
    }

    [Theory]
    [InlineData("bot-1")]
    [InlineData("bot-2")]
    public async Task The_health_check_passes_when_healthz_answers_200(string bot)
    {
        var run = await RunHealthCheckAgainstAsync(bot, "HTTP/1.1 200 OK");
        Assert.True(run.ExitCode == 0, run.Describe());
    }

    [Fact]
    public async Task The_health_check_fails_when_healthz_answers_503()
    {
        var run = await RunHealthCheckAgainstAsync("bot-1", "HTTP/1.1 503 Service Unavailable");
        Assert.NotEqual(0, run.ExitCode);
    }

    /// <summary>
    /// Runs the bot's health check command with bash, as the container would, against a stand-in
    /// for the bot on a free loopback port that answers GET /healthz with <paramref name="statusLine"/>.
    /// </summary>
    private static async Task<ToolRun> RunHealthCheckAgainstAsync(string bot, string statusLine)
    {
        var port = new Uri(Environment(bot)["URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port;
        var test = Sequence(Mapping(Service(bot), "healthcheck"), "test").Select(t => ((YamlScalarNode)t).Value!).ToList();
        Assert.Equal(["CMD", "bash", "-c"], test.Take(3));
        // Compose turns $$ into $; a single $ would be replaced with a variable of the host's environment.
        Assert.DoesNotContain("$", test[3].Replace("$$", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var script = test[3].Replace("$$", "$", StringComparison.Ordinal);
        Assert.Contains($"/dev/tcp/127.0.0.1/{port} ", script, StringComparison.Ordinal);

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var standIn = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = AnswerOnceAsync(listener, statusLine);
        var run = await ToolRun.RunAsync("bash", ["-c", script.Replace($"/127.0.0.1/{port} ", $"/127.0.0.1/{standIn} ", StringComparison.Ordinal)], Path.GetTempPath());
        Assert.Equal("GET /healthz HTTP/1.1", await server.WaitAsync(TimeSpan.FromSeconds(30)));
        return run;
    }

    private static async Task<string> AnswerOnceAsync(TcpListener listener, string statusLine)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var requestLine = await reader.ReadLineAsync() ?? "";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
        {
            // headers, up to the blank line
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{statusLine}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        return requestLine;
    }

    private static YamlMappingNode LoadServices()
    {
        using var reader = File.OpenText(RepositoryFiles.PathOf("deploy", "compose.yaml"));
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return Mapping((YamlMappingNode)stream.Documents.Single().RootNode, "services");
    }

    private static YamlMappingNode Service(string name) => Mapping(Services, name);

    private static Dictionary<string, string> Environment(string service) =>
        Mapping(Service(service), "environment").Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;
}
