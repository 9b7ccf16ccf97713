using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// When a joining report may leave its incident's digest document alone. In a storm nearly every join found the digest
/// already owed, and reading it to learn that was a tenth of a join's CPU (PERFORMANCE.md, thirty-fifth session).
/// The rule: while reports keep coming, the digest round keeps the next digest owed itself (<see cref="KeepsOwing"/>),
/// so a join that follows another join closely (<see cref="IsRoundComing"/>, read off the incident the join replaces
/// under its ETag, so exact) has nothing to mark. A join after a quiet spell reads and marks the digest as before, under
/// the digest's ETag: a round that stops at that moment conflicts with it and looks again.
/// </summary>
public static class DigestCadence
{
    /// <summary>
    /// Room for a join's decision to reach the store and for the instances' clocks to differ: a join skips only if the
    /// previous report is this much younger than the interval by which a round stops keeping the digest owed.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Whether a round is bound to post what this join adds, given the incident as it was before the join: the last
    /// report before it was itself a join (an opening's report is announced, not owed) and came within the interval,
    /// less <see cref="Margin"/>. Such a join does not read or write the digest.
    /// </summary>
    public static bool IsRoundComing(Incident before, DateTimeOffset now, IntakeRules rules)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(rules);
        var window = rules.DigestInterval - Margin;
        return before.ReportCount >= 2 && window > TimeSpan.Zero && before.LastReportAt is { } last && last > now - window;
    }

    /// <summary>
    /// Whether a round that has just posted keeps the next digest owed although it saw no report it did not post: the
    /// incident's last report came within the interval, so joins that skipped the digest (<see cref="IsRoundComing"/>)
    /// may still be on their way.
    /// </summary>
    public static bool KeepsOwing(Incident? incident, DateTimeOffset now, IntakeRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return incident?.LastReportAt is { } last && last > now - rules.DigestInterval;
    }
}
