namespace IncidentBot.Demo;

/// <summary>
/// The time the demo's history is written at: the domain's stores and lifecycles take "now" from
/// a <see cref="TimeProvider"/>, so replaying a month through them means moving this one step by
/// step. Never goes past the real now it was made with, so nothing is written in the future.
/// </summary>
internal sealed class ReplayClock(DateTimeOffset end) : TimeProvider
{
    private DateTimeOffset _now = end;

    public DateTimeOffset End { get; } = end;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves to <paramref name="at"/> (backwards too: each incident's story is replayed in order).</summary>
    public void Set(DateTimeOffset at) => _now = at > End ? End : at;
}
