using IncidentBot.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace IncidentBot.Tests.Configuration;

/// <summary>The settings files are found changed by polling (idle memory, issue 12) and are still re-read when they change.</summary>
public sealed class SettingsFilesRegistrationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("settings-polling-").FullName;

    [Fact]
    public async Task A_changed_settings_file_is_read_again_without_a_file_watcher()
    {
        var settings = Path.Combine(_root, "appsettings.json");
        await File.WriteAllTextAsync(settings, """{ "Probe": "before" }""");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = SettingsFilesRegistration.WithoutFileWatcher([]),
            ContentRootPath = _root,
            EnvironmentName = "Production",
        });
        var files = builder.Configuration.Sources.OfType<FileConfigurationSource>().ToList();
        Assert.NotEmpty(files);
        // Built without reloading, so no source asked the content root's provider to watch (and walk) its folders.
        Assert.All(files, s => Assert.False(s.ReloadOnChange));

        builder.PollSettingsFiles();

        Assert.Equal("before", builder.Configuration["Probe"]);
        // UseActivePolling: true only for a polling provider (UsePollingFileWatcher reads false once a watch has started).
        Assert.True(Assert.IsType<PhysicalFileProvider>(builder.Environment.ContentRootFileProvider).UseActivePolling);
        Assert.All(files, s => Assert.True(s.ReloadOnChange && Assert.IsType<PhysicalFileProvider>(s.FileProvider).UseActivePolling));

        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = ChangeToken.OnChange(((IConfiguration)builder.Configuration).GetReloadToken, () =>
        {
            if (builder.Configuration["Probe"] == "after")
                reloaded.TrySetResult();
        });
        await File.WriteAllTextAsync(settings, """{ "Probe": "after" }""");
        // The poll compares write times: make the change visible whatever the file system's time resolution.
        File.SetLastWriteTimeUtc(settings, DateTime.UtcNow.AddMinutes(1));

        // The poller looks every 4 s.
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("after", builder.Configuration["Probe"]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
