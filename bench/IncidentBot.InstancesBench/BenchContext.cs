using IncidentBot.Testing.Hosts;

namespace IncidentBot.InstancesBench;

/// <summary>What every phase of a run uses: the options, the shared servers, the two instances, the sender, the DM index and the job queue.</summary>
internal sealed record BenchContext(InstancesOptions Options, SeveralInstances Shared, IReadOnlyList<BotProcess> Instances, Declarer Declarer, SlackDms Dms, JobBacklog Backlog)
{
    /// <summary>Milliseconds from sending each answered declare to responder one's first page DM about it (those that got one).</summary>
    public IReadOnlyList<double> LatenciesToFirstDm(IEnumerable<SentDeclare> sent) =>
        [.. sent.Where(s => s.Answered).Select(s => Dms.First(SeveralInstances.One, s.Marker) is { } dm ? (dm - s.SentAt).TotalMilliseconds : double.NaN).Where(ms => !double.IsNaN(ms))];
}
