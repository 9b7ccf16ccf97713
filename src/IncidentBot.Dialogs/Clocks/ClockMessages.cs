using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>What the bot says about clocks: in the channel, in replies, and on the timeline (plain UTC there, for the record).</summary>
public static class ClockMessages
{
    public static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The name as code, then the title: <c>`eu-tco-removal` (EU terrorist content removal order)</c>.</summary>
    public static RichText Label(Clock clock) =>
        clock.Title is { Length: > 0 } title ? RichText.Of($"{RichText.Code(clock.Name)} ({title})") : RichText.Code(clock.Name);

    /// <summary>Time lost before the incident was declared, if the order came in earlier.</summary>
    public static TimeSpan LostBeforeDeclaration(Clock clock, Incident incident) =>
        incident.DeclaredAt > clock.StartedAt ? incident.DeclaredAt - clock.StartedAt : TimeSpan.Zero;

    public static string StartedRecord(Clock clock, Incident incident)
    {
        var lost = LostBeforeDeclaration(clock, incident);
        var text = $"Clock {clock.Name} ({DurationText.Format(clock.Window)}) started from {Utc(clock.StartedAt)}";
        if (clock.Generation > 1)
            text = "Clock restarted: " + text;
        if (clock.IsAutomatic)
            text += " (automatic, by policy)";
        if (lost >= TimeSpan.FromMinutes(1))
            text += $"; received {ChatText.Duration(lost)} before the declaration";
        return text;
    }

    public static string ChangeRecord(Clock clock, TimelineKind kind, DateTimeOffset now) => kind switch
    {
        TimelineKind.ClockPaused => $"Clock {clock.Name} paused with {ChatText.Duration(clock.Remaining(now))} left"
            + (clock.Pauses[^1].Reason is { Length: > 0 } reason ? ": " + reason : ""),
        TimelineKind.ClockResumed => $"Clock {clock.Name} resumed with {ChatText.Duration(clock.Remaining(now))} left, due {Utc(clock.DeadlineAt!.Value)}",
        TimelineKind.ClockMet => $"Clock {clock.Name} met {Outcome(clock)}",
        TimelineKind.ClockBreached => $"Clock {clock.Name} breached: the {DurationText.Format(clock.Window)} window ended at {Utc(clock.BreachedAt ?? clock.DeadlineAt ?? now)}",
        _ => $"Clock {clock.Name} changed",
    };

    /// <summary><c>with 9m to spare</c> or <c>12m late</c>, for a met clock.</summary>
    public static string Outcome(Clock clock)
    {
        var remaining = clock.Remaining(clock.MetAt ?? clock.StartedAt);
        return remaining >= TimeSpan.Zero ? $"with {ChatText.Duration(remaining)} to spare" : $"{ChatText.Duration(remaining.Negate())} late";
    }

    /// <summary>The channel message at a warning point.</summary>
    public static ChatMessage Warning(Clock clock, double point, DateTimeOffset now, UserId? lead, bool pages)
    {
        var used = (int)Math.Round(Math.Min(1, clock.Elapsed(now) / clock.Window) * 100);
        var who = lead is { } l ? RichText.Mention(l) : RichText.Of($"No lead is assigned: someone take it with {RichText.Code("lead me")}.");
        return ChatMessage.Plain(RichText.Of(
            $"⏰ {RichText.Bold(RichText.Of($"Clock {Label(clock)}"))}: {used}% of {DurationText.Format(clock.Window)} used, {RichText.Bold($"{ChatText.Duration(clock.Remaining(now))} left")} "
            + $"(due {RichText.LocalTime(clock.DeadlineAt!.Value)}). {who}{(pages ? " Paging the lead." : "")}"));
    }

    /// <summary>The channel message when the window ends without the clock being met.</summary>
    public static ChatMessage Breach(Clock clock, UserId? lead)
    {
        var who = lead is { } l ? RichText.Mention(l) : RichText.Text("No lead is assigned.");
        return ChatMessage.Plain(RichText.Of(
            $"🚨 {RichText.Bold(RichText.Of($"Clock {Label(clock)} breached"))}: the {DurationText.Format(clock.Window)} window ended {RichText.LocalTime(clock.DeadlineAt!.Value)}. {who} "
            + $"If it was met in time, record when with {RichText.Code($"clock met {clock.Name}")} and a note."));
    }

    /// <summary>The reason given to the pager: no title, so it is safe for restricted incidents.</summary>
    public static string PageReason(Clock clock, bool isBreach, DateTimeOffset now) =>
        isBreach
            ? $"clock {clock.Name} breached ({DurationText.Format(clock.Window)} window ended)"
            : $"clock {clock.Name} has {ChatText.Duration(clock.Remaining(now))} left";

    /// <summary>One line per clock, for <c>clock</c> and the pinned summary; with <paramref name="now"/> it says how long is left.</summary>
    public static RichText Line(Clock clock, DateTimeOffset now, bool showRemaining)
    {
        var state = clock.State(now);
        var started = RichText.Of($"from {RichText.LocalTime(clock.StartedAt)}");
        return state switch
        {
            ClockState.Running => RichText.Of($"⏳ {Label(clock)} {DurationText.Format(clock.Window)} {started}, due {RichText.LocalTime(clock.DeadlineAt!.Value)}"
                + $"{(showRemaining ? RichText.Of($" · {RichText.Bold($"{ChatText.Duration(clock.Remaining(now))} left")}") : RichText.Empty)}"
                + $"{(clock.Pauses.Count > 0 ? $" (paused for {ChatText.Duration(clock.ClosedPauses)})" : "")}"),
            ClockState.Paused => RichText.Of($"⏸️ {Label(clock)} {DurationText.Format(clock.Window)} {started}, paused {RichText.LocalTime(clock.Pauses[^1].PausedAt)} "
                + $"with {ChatText.Duration(clock.Remaining(now))} left"),
            ClockState.Met => RichText.Of($"✅ {Label(clock)} met {RichText.LocalTime(clock.MetAt!.Value)} {Outcome(clock)} (due {RichText.LocalTime(clock.DeadlineAt!.Value)})"),
            ClockState.MetLate => RichText.Of($"☑️ {Label(clock)} met {RichText.LocalTime(clock.MetAt!.Value)}, {Outcome(clock)} (due {RichText.LocalTime(clock.DeadlineAt!.Value)})"),
            _ => RichText.Of($"🔴 {Label(clock)} {RichText.Bold("breached")} {RichText.LocalTime(clock.BreachedAt ?? clock.DeadlineAt!.Value)}, not met"),
        };
    }

    public static RichText StartedReply(Clock clock, Incident incident, bool isRestart, DateTimeOffset now, TimeZoneInfo zone)
    {
        var lost = LostBeforeDeclaration(clock, incident);
        var parts = new List<RichText>
        {
            RichText.Of($"⏱️ {(isRestart ? "Restarted" : "Started")} clock {Label(clock)}: {DurationText.Format(clock.Window)} from {TimeText.Describe(clock.StartedAt, zone)}."),
        };
        if (lost >= TimeSpan.FromMinutes(1))
            parts.Add(RichText.Of($"Received {RichText.Bold($"{ChatText.Duration(lost)} before")} {incident.Key.Key} was declared."));
        var remaining = clock.Remaining(now);
        var gone = clock.Elapsed(now) >= TimeSpan.FromMinutes(1) ? $"{ChatText.Duration(clock.Elapsed(now))} already gone; " : "";
        parts.Add(remaining > TimeSpan.Zero
            ? RichText.Of($"{gone}{RichText.Bold($"{ChatText.Duration(remaining)} left")}, due {RichText.LocalTime(clock.DeadlineAt!.Value)}.")
            : RichText.Of($"The window already ended {RichText.LocalTime(clock.DeadlineAt!.Value)} ({RichText.Bold($"{ChatText.Duration(remaining.Negate())} ago")})."));
        if (clock.Reference is { Length: > 0 } reference)
            parts.Add(RichText.Italic(reference));
        return RichText.Join(RichText.Text(" "), parts);
    }
}
