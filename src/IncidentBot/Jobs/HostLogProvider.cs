using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace IncidentBot.Jobs;

/// <summary>
/// Hangfire's loggers from this host's logger factory. Hangfire keeps one log provider for the
/// whole process; when the host that set it has been disposed, components built afterwards log
/// nothing instead of failing to start.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new DisposalTolerantLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new DisposalTolerantLog(null);
        }
    }

    private sealed class DisposalTolerantLog(ILog? inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
