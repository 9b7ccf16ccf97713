using System.Threading.Channels;
using IncidentBot.Dialogs.Paging;

namespace IncidentBot.OnCall;

/// <summary>
/// Loads the on-call file at start-up (an invalid file stops the start), watches it, and puts
/// handoff timers in place for the rotations of every version taken.
/// </summary>
internal sealed class OnCallStartup(YamlOnCallConfigSource source, HandoffScheduler handoffs, ILogger<OnCallStartup> logger) : BackgroundService
{
    private readonly Channel<bool> _reloads = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        source.Load();
        source.Changed += OnChanged;
        source.Watch();
        if (source.Current is not null)
            await handoffs.EnsureAllAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        source.Changed -= OnChanged;
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in _reloads.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await handoffs.EnsureAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.HandoffsNotScheduled(e);
            }
        }
    }

    private void OnChanged(object? sender, EventArgs e) => _reloads.Writer.TryWrite(true);
}
