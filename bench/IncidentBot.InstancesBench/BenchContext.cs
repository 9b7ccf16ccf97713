using IncidentBot.Testing.Hosts;

namespace IncidentBot.InstancesBench;

/// <summary>What every phase of a run uses: the options, the shared servers, the two instances, the sender, the DM index and the job queue.</summary>
internal sealed record BenchContext(InstancesOptions Options, SeveralInstances Shared, IReadOnlyList<BotProcess> Instances, Declarer Declarer, SlackDms Dms, JobBacklog Backlog)
{
    /// <summary>Milliseconds from sending each answered declare to responder one's first page DM about it (those that got one).</summary>
    public IReadOnlyList<double> LatenciesToFirstDm(IEnumerable<SentDeclare> sent) =>
        [.. sent.Where(s => s.Answered).Select(s => Dms.First(SeveralInstances.One, s.Marker) is { } dm ? (dm - s.SentAt).TotalMilliseconds : double.NaN).Where(ms => !double.IsNaN(ms))];

    /// <summary>The <paramref name="count"/> slowest first page DMs: which declare, through which instance, when sent and when DMed (to place a stall in time).</summary>
    public IEnumerable<string> SlowestFirstDms(IEnumerable<SentDeclare> sent, int count) =>
        sent.Where(s => s.Answered)
            .Select(s => (Sent: s, Dm: Dms.First(SeveralInstances.One, s.Marker)))
            .Where(x => x.Dm is not null)
            .OrderByDescending(x => x.Dm!.Value - x.Sent.SentAt)
            .Take(count)
            .Select(x => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{x.Sent.Marker} through {(x.Sent.Instance == 0 ? "A" : "B")}: sent {x.Sent.SentAt:HH:mm:ss.fff}, answered in {x.Sent.AnswerMs:F0} ms, first page DM {x.Dm:HH:mm:ss.fff} ({(x.Dm!.Value - x.Sent.SentAt).TotalMilliseconds:F0} ms)"));
}
