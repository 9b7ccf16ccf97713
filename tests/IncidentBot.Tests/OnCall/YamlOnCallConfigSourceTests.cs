using IncidentBot.OnCall;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Tests.OnCall;

public sealed class YamlOnCallConfigSourceTests : IDisposable
{
    private const string TwoPeople = """
        teams:
          - id: tns
            rotations:
              - id: tns-primary
                layers:
                  - timeZone: Europe/Berlin
                    start: 2026-01-05
                    shift: 7d
                    participants: [a@example.com, b@example.com]
        policies:
          - id: tns-incident
            steps:
              - oncall: tns-primary
        routing:
          - page: [tns-incident]
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-oncall-tests", Guid.NewGuid().ToString("N"));

    public YamlOnCallConfigSourceTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_invalid_file_stops_the_start_naming_line_and_problem()
    {
        using var source = Source(TwoPeople.Replace("Europe/Berlin", "Mars/Olympus", StringComparison.Ordinal));

        var failure = Assert.Throws<OnCallConfigException>(source.Load);

        Assert.Contains($"{FilePath}:6:23: layer `layer 1` of rotation `tns-primary`: timeZone: `Mars/Olympus` is not a known time zone", failure.Message, StringComparison.Ordinal);
        Assert.Contains("OnCall:ConfigPath", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_stops_the_start()
    {
        using var source = Source(null);

        Assert.Throws<OnCallConfigException>(source.Load);
    }

    [Fact]
    public void Without_a_path_paging_is_off_and_the_start_goes_on()
    {
        using var source = new YamlOnCallConfigSource(Options.Create(new OnCallOptions()), Environment(), NullLogger<YamlOnCallConfigSource>.Instance);

        source.Load();

        Assert.Null(source.Current);
    }

    [Fact]
    public void A_reload_with_an_invalid_file_keeps_the_last_good_version()
    {
        using var source = Source(TwoPeople);
        source.Load();
        var good = source.Current;

        File.WriteAllText(FilePath, TwoPeople.Replace("shift: 7d", "shift: a week", StringComparison.Ordinal));

        Assert.False(source.Reload());
        Assert.Same(good, source.Current);
    }

    [Fact]
    public void A_reload_with_a_valid_file_replaces_the_configuration_and_says_so()
    {
        using var source = Source(TwoPeople);
        source.Load();
        var changes = 0;
        source.Changed += (_, _) => changes++;

        File.WriteAllText(FilePath, TwoPeople.Replace("[a@example.com, b@example.com]", "[c@example.com]", StringComparison.Ordinal));

        Assert.True(source.Reload());
        Assert.Equal("c@example.com", Assert.Single(source.Current!.FindRotation("tns-primary")!.Layers[0].Participants).Email);
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task A_changed_file_is_picked_up_by_the_watcher()
    {
        using var source = Source(TwoPeople);
        source.Load();
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Changed += (_, _) => changed.TrySetResult();
        source.Watch();

        File.WriteAllText(FilePath, TwoPeople.Replace("shift: 7d", "shift: 1d", StringComparison.Ordinal));

        await changed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromDays(1), source.Current!.FindRotation("tns-primary")!.Layers[0].ShiftLength);
    }

    private string FilePath => Path.Combine(_directory, "oncall.yaml");

    private YamlOnCallConfigSource Source(string? content)
    {
        if (content is not null)
            File.WriteAllText(FilePath, content);
        return new YamlOnCallConfigSource(Options.Create(new OnCallOptions { ConfigPath = FilePath }), Environment(), NullLogger<YamlOnCallConfigSource>.Instance);
    }

    private HostingEnvironment Environment() => new() { ContentRootPath = _directory };
}
