using HangfireLog = Hangfire.Logging;

namespace IncidentBot.Jobs;

/// <summary>
/// Hangfire logs through a process-wide provider, set by whichever host configured it last.
/// This bridge sends those lines to the host's logging, and goes quiet instead of throwing
/// once that host's logger factory is disposed (several hosts in one test process).
/// </summary>
internal sealed class HangfireLogBridge(ILoggerFactory loggers) : HangfireLog.ILogProvider
{
    public HangfireLog.ILog GetLogger(string name)
    {
        try
        {
            return new Forwarder(loggers.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Forwarder(ILogger logger) : HangfireLog.ILog
    {
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                HangfireLog.LogLevel.Trace => LogLevel.Trace,
                HangfireLog.LogLevel.Debug => LogLevel.Debug,
                HangfireLog.LogLevel.Info => LogLevel.Information,
                HangfireLog.LogLevel.Warn => LogLevel.Warning,
                HangfireLog.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                if (messageFunc is null || !logger.IsEnabled(level))
                    return logger.IsEnabled(level);
#pragma warning disable CA1848, CA2254, CA1873 // Hangfire hands over finished text; there is no template to generate.
                logger.Log(level, exception, messageFunc());
#pragma warning restore CA1848, CA2254, CA1873
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Silent : HangfireLog.ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
