using System.Text.Json;

namespace IncidentBot.Tests.Deploy;

/// <summary>One `dotnet msbuild` run for the class: the container properties and items as the SDK computed them.</summary>
public sealed class ContainerImageConfig : IAsyncLifetime
{
    private JsonElement _result;

    public async Task InitializeAsync()
    {
        var run = await ToolRun.RunAsync("dotnet",
            [
                "msbuild", RepositoryFiles.PathOf("src", "IncidentBot", "IncidentBot.csproj"),
                "-nologo", "-nodeReuse:false", "-p:Configuration=Release", "-t:ComputeContainerConfig",
                "-getProperty:ContainerUser", "-getProperty:ContainerBaseImage", "-getProperty:ContainerRepository",
                "-getItem:ContainerPort", "-getItem:ContainerEnvironmentVariables", "-getItem:ContainerLabel",
            ],
            RepositoryFiles.Root,
            // The test host's MSBuild variables describe its own build, not this one.
            environment =>
            {
                foreach (var name in environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
                    environment.Remove(name);
            });
        Assert.True(run.ExitCode == 0, run.Describe());
        using var json = JsonDocument.Parse(run.Output);
        _result = json.RootElement.Clone();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public string? Property(string name) => _result.GetProperty("Properties").GetProperty(name).GetString();

    public IEnumerable<JsonElement> Items(string name) => _result.GetProperty("Items").GetProperty(name).EnumerateArray();

    public Dictionary<string, string> Environment() =>
        Items("ContainerEnvironmentVariables").ToDictionary(v => v.GetProperty("Identity").GetString()!, v => v.GetProperty("Value").GetString() ?? "");
}
