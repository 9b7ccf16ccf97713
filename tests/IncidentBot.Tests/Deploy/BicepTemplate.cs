using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace IncidentBot.Tests.Deploy;

/// <summary>
/// deploy/azure/main.bicep as the Bicep CLI (NuGet Azure.Bicep.CommandLine.linux-x64) sees it,
/// offline: the compiled ARM template, the linter's verdict, and two snapshots — the CLI's own
/// evaluation of the template for given parameters, with every module expanded and every
/// expression that needs no deployed resource worked out. The four runs go side by side, once
/// for all the tests of a class.
/// </summary>
public sealed class BicepTemplate : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000000a";
    public const string TenantId = "00000000-0000-0000-0000-00000000000b";

    /// <summary>Slack in Socket Mode, Teams on, the incidents API, on-call and policy files on, an operator for the secrets; every other parameter at its default.</summary>
    public static readonly IReadOnlyDictionary<string, object> SocketModeWithTeams = new Dictionary<string, object>
    {
        ["containerImage"] = "ghcr.io/example/incidentbot:1.0.0",
        ["slackMode"] = "socket",
        ["slackAppToken"] = "xapp-snapshot-only",
        ["teamsAppId"] = "11111111-2222-3333-4444-555555555555",
        ["teamsIncidentsChannelId"] = "19:incidents@thread.tacv2",
        ["teamsAnnouncementChannelId"] = "19:announcements@thread.tacv2",
        ["enableIncidentsApi"] = true,
        ["enableOnCallFile"] = true,
        ["enablePolicyFile"] = true,
        ["operatorPrincipalId"] = "99999999-8888-7777-6666-555555555555",
    };

    private DirectoryInfo? _work;

    public static string Folder { get; } = RepositoryFiles.PathOf("deploy", "azure");

    public ToolRun Build { get; private set; } = null!;
    public ToolRun Lint { get; private set; } = null!;

    /// <summary>The compiled ARM template (modules inlined as nested deployments).</summary>
    public JsonElement Template { get; private set; }

    /// <summary>The example parameters file, deploy/azure/main.parameters.json, as given.</summary>
    public BicepSnapshot ExampleParameters { get; private set; } = null!;

    /// <summary><see cref="SocketModeWithTeams"/>.</summary>
    public BicepSnapshot SocketModeAndTeams { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("incidentbot-bicep-");
        var build = BicepAsync("build", "main.bicep", "--stdout");
        var lint = BicepAsync("lint", "main.bicep");
        var example = SnapshotAsync("example", ExampleParameterValues());
        var socket = SnapshotAsync("socket", SocketModeWithTeams);

        Build = await build;
        Lint = await lint;
        Assert.True(Build.ExitCode == 0, Build.Describe());
        using (var template = JsonDocument.Parse(Build.Output))
            Template = template.RootElement.Clone();
        ExampleParameters = await example;
        SocketModeAndTeams = await socket;
    }

    public Task DisposeAsync()
    {
        _work?.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The parameters of deploy/azure/main.parameters.json: name → JSON value.</summary>
    public static Dictionary<string, JsonElement> ExampleParameterFile()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "main.parameters.json")));
        return file.RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("value").Clone());
    }

    private static Dictionary<string, object> ExampleParameterValues() =>
        ExampleParameterFile().ToDictionary(p => p.Key, p => p.Value.ValueKind switch
        {
            JsonValueKind.String => (object)p.Value.GetString()!,
            JsonValueKind.Number => p.Value.GetInt32(),
            JsonValueKind.True or JsonValueKind.False => p.Value.GetBoolean(),
            _ => throw new InvalidOperationException($"main.parameters.json: {p.Key} has a value this test cannot write as Bicep"),
        });

    private async Task<BicepSnapshot> SnapshotAsync(string name, IReadOnlyDictionary<string, object> parameters)
    {
        // A .bicepparam must name its template by a relative path.
        var parameterFile = Path.Combine(_work!.FullName, name + ".bicepparam");
        var text = new StringBuilder($"using '{Path.GetRelativePath(_work.FullName, Path.Combine(Folder, "main.bicep"))}'\n");
        foreach (var (parameter, value) in parameters)
            text.Append(CultureInfo.InvariantCulture, $"param {parameter} = {BicepLiteral(value)}\n");
        await File.WriteAllTextAsync(parameterFile, text.ToString());

        var run = await BicepAsync("snapshot", parameterFile, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--resource-group", "rg-incidentbot", "--location", "westeurope");
        Assert.True(run.ExitCode == 0 && run.Errors.Length == 0 && run.Output.Length == 0, $"snapshot {name}: {run.Describe()}");
        using var snapshot = JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(parameterFile, ".snapshot.json")));
        return new BicepSnapshot(snapshot.RootElement.Clone());
    }

    private static string BicepLiteral(object value) => value switch
    {
        string text => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"no Bicep literal for {value.GetType()}", nameof(value)),
    };

    private static Task<ToolRun> BicepAsync(params string[] arguments) =>
        ToolRun.RunAsync(BicepPath, arguments, Folder);

    private static string BicepPath { get; } =
        typeof(BicepTemplate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
}
