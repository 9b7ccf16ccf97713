using IncidentBot.Configuration.Yaml;
using IncidentBot.Dialogs.Paging;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IncidentBot.OnCall;

/// <summary>
/// The on-call file as the current <see cref="OnCallConfig"/>. <see cref="Load"/> at start-up
/// throws on an invalid file (the start fails with the lines to fix); after that, a changed
/// file is re-read and replaces the configuration only if it is valid, else the last good
/// version stays and the problems are logged.
/// </summary>
public sealed class YamlOnCallConfigSource(IOptions<OnCallOptions> options, IHostEnvironment environment, ILogger<YamlOnCallConfigSource> logger)
    : IOnCallConfigSource, IDisposable
{
    private readonly Lock _gate = new();
    private volatile OnCallConfig? _current;
    private PhysicalFileProvider? _files;
    private IDisposable? _watch;
    private string? _lastText;

    public OnCallConfig? Current => _current;

    public event EventHandler? Changed;

    /// <summary>Null when paging is not configured.</summary>
    public string? FullPath => options.Value.IsConfigured ? options.Value.FullPath(environment.ContentRootPath) : null;

    /// <summary>Reads and validates the file; <see cref="OnCallConfigException"/> when it is invalid, missing or unreadable.</summary>
    public void Load()
    {
        if (FullPath is not { } path)
        {
            logger.NotConfigured();
            return;
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnCallConfigException(path, [new YamlFileError(path, 0, 0, $"cannot be read ({e.GetType().Name}); check OnCall:ConfigPath")]);
        }
        var (config, errors) = OnCallYamlReader.Read(text, path);
        if (config is null)
            throw new OnCallConfigException(path, errors);
        lock (_gate)
        {
            _current = config;
            _lastText = text;
        }
        var rotations = config.Rotations.Count();
        logger.Loaded(config.Teams.Count, rotations, config.EscalationPolicies.Count, config.Routes.Count);
    }

    /// <summary>Re-reads the file; the new version replaces the current one only if valid.</summary>
    /// <returns>True when the new version was taken.</returns>
    public bool Reload()
    {
        if (FullPath is not { } path)
            return false;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.ReloadUnreadable(e.GetType().Name);
            return false;
        }
        lock (_gate)
        {
            if (text == _lastText)
                return false; // touched, not changed (editors and watchers fire more than once)
        }
        var (config, errors) = OnCallYamlReader.Read(text, path);
        if (config is null)
        {
            foreach (var error in errors)
                logger.ReloadRejected(error.Line, error.Column, error.Message);
            return false;
        }
        lock (_gate)
        {
            _current = config;
            _lastText = text;
        }
        var rotations = config.Rotations.Count();
        logger.Reloaded(config.Teams.Count, rotations, config.EscalationPolicies.Count, config.Routes.Count);
        Changed?.Invoke(this, EventArgs.Empty);
        return true;
    }

    /// <summary>Starts re-reading the file when it changes (polling when <c>DOTNET_USE_POLLING_FILE_WATCHER</c> is set).</summary>
    public void Watch()
    {
        if (FullPath is not { } path || !options.Value.ReloadOnChange || _files is not null)
            return;
        _files = new PhysicalFileProvider(Path.GetDirectoryName(path)!);
        var name = Path.GetFileName(path);
        _watch = ChangeToken.OnChange(() => _files.Watch(name), () => Reload());
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _files?.Dispose();
    }
}
