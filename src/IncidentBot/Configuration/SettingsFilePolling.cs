using Microsoft.Extensions.FileProviders;

namespace IncidentBot.Configuration;

/// <summary>
/// The settings files (<c>appsettings*.json</c>) are still re-read when they change, found by comparing their write
/// times every 4 s instead of by a file watcher on the content root: on Linux that watcher subscribes to every folder
/// beneath the working directory and keeps an entry for each (3.5 MiB resident in a checkout of 4,200 folders, issue 12).
/// </summary>
public static class SettingsFilePolling
{
    // A provider already polling (DOTNET_USE_POLLING_FILE_WATCHER) is left; it says so by UseActivePolling, as
    // UsePollingFileWatcher reads false once a watch has started.

    /// <summary>Swaps the content root's and each reloading settings file's watcher for a polling one; call right after the builder is created.</summary>
    public static IHostApplicationBuilder PollSettingsFiles(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var polling = new Dictionary<PhysicalFileProvider, PhysicalFileProvider>();
        if (builder.Environment.ContentRootFileProvider is PhysicalFileProvider { UseActivePolling: false } contentRoot)
            builder.Environment.ContentRootFileProvider = Polling(contentRoot, polling);
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is not FileConfigurationSource { ReloadOnChange: true, FileProvider: PhysicalFileProvider { UseActivePolling: false } watched } source)
                continue;
            source.FileProvider = Polling(watched, polling);
            // Setting the entry rebuilds the configuration's providers: the old one lets go of the watcher's change token.
            sources[i] = source;
        }
        foreach (var watched in polling.Keys)
            watched.Dispose();
        return builder;
    }

    private static PhysicalFileProvider Polling(PhysicalFileProvider watched, Dictionary<PhysicalFileProvider, PhysicalFileProvider> polling)
    {
        if (!polling.TryGetValue(watched, out var poller))
            polling[watched] = poller = new PhysicalFileProvider(watched.Root) { UsePollingFileWatcher = true, UseActivePolling = true };
        return poller;
    }
}
