using Microsoft.Extensions.FileProviders;

namespace IncidentBot.Configuration;

/// <summary>
/// The settings files (<c>appsettings*.json</c>) are still re-read when they change, found by comparing their write
/// times every 4 s instead of by a file watcher on the content root: on Linux that watcher subscribes to every folder
/// beneath the working directory and keeps an entry for each (about 4 MiB resident started from a checkout of 4,200
/// folders, issue 12). The host is built with its watcher off, so it never walks the folders.
/// </summary>
public static class SettingsFilesRegistration
{
    /// <summary>The host setting that keeps the default settings files from starting a watcher.</summary>
    public const string NoWatcherArgument = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>The command line for <c>WebApplication.CreateBuilder</c>: the host's file watcher off.</summary>
    public static string[] WithoutFileWatcher(string[] args) => [.. args, NoWatcherArgument];

    // A provider already polling (DOTNET_USE_POLLING_FILE_WATCHER) is left; it says so by UseActivePolling, as
    // UsePollingFileWatcher reads false once a watch has started.

    /// <summary>Turns re-reading back on for the settings files, by polling, and makes the content root poll too.</summary>
    public static IHostApplicationBuilder PollSettingsFiles(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var polling = new Dictionary<PhysicalFileProvider, PhysicalFileProvider>();
        if (builder.Environment.ContentRootFileProvider is PhysicalFileProvider { UseActivePolling: false } contentRoot)
            builder.Environment.ContentRootFileProvider = Polling(contentRoot, polling);
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is not FileConfigurationSource { FileProvider: PhysicalFileProvider { UseActivePolling: false } watched } source)
                continue;
            source.FileProvider = Polling(watched, polling);
            source.ReloadOnChange = true;
            // Setting the entry rebuilds the configuration's providers, the replaced one with its change token.
            sources[i] = source;
        }
        foreach (var replaced in polling.Keys)
            replaced.Dispose();
        return builder;
    }

    private static PhysicalFileProvider Polling(PhysicalFileProvider watched, Dictionary<PhysicalFileProvider, PhysicalFileProvider> polling)
    {
        if (!polling.TryGetValue(watched, out var poller))
            polling[watched] = poller = new PhysicalFileProvider(watched.Root) { UsePollingFileWatcher = true, UseActivePolling = true };
        return poller;
    }
}
