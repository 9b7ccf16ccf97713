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

    /// <summary>Legacy mrkdwn (issue 17; its callers build strings): <c>`eu-tco-removal` (EU terrorist content removal order)</c>.</summary>
    public static string Label(Clock clock) =>
        clock.Title is { Length: > 0 } title ? $"`{clock.Name}` ({ChatText.Escape(title)})" : $"`{clock.Name}`";

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
            $"⏰ {RichText.Bold(RichText.Of($"Clock {LabelText(clock)}"))}: {used}% of {DurationText.Format(clock.Window)} used, {RichText.Bold($"{ChatText.Duration(clock.Remaining(now))} left")} "
            + $"(due {RichText.LocalTime(clock.DeadlineAt!.Value)}). {who}{(pages ? " Paging the lead." : "")}"));
    }

    /// <summary>The channel message when the window ends without the clock being met.</summary>
    public static ChatMessage Breach(Clock clock, UserId? lead)
    {
        var who = lead is { } l ? RichText.Mention(l) : RichText.Text("No lead is assigned.");
        return ChatMessage.Plain(RichText.Of(
            $"🚨 {RichText.Bold(RichText.Of($"Clock {LabelText(clock)} breached"))}: the {DurationText.Format(clock.Window)} window ended {RichText.LocalTime(clock.DeadlineAt!.Value)}. {who} "
            + $"If it was met in time, record when with {RichText.Code($"clock met {clock.Name}")} and a note."));
    }

    /// <summary><see cref="Label"/> as rich text.</summary>
    private static RichText LabelText(Clock clock) =>
        clock.Title is { Length: > 0 } title ? RichText.Of($"{RichText.Code(clock.Name)} ({title})") : RichText.Code(clock.Name);

    /// <summary>The reason given to the pager: no title, so it is safe for restricted incidents.</summary>
    public static string PageReason(Clock clock, bool isBreach, DateTimeOffset now) =>
        isBreach
            ? $"clock {clock.Name} breached ({DurationText.Format(clock.Window)} window ended)"
            : $"clock {clock.Name} has {ChatText.Duration(clock.Remaining(now))} left";

    /// <summary>One line per clock, for <c>clock</c> and the pinned summary; with <paramref name="now"/> it says how long is left.</summary>
    public static string Line(Clock clock, DateTimeOffset now, bool showRemaining)
    {
        var state = clock.State(now);
        var started = $"from {ChatText.Time(clock.StartedAt)}";
        return state switch
        {
            ClockState.Running => $"⏳ {Label(clock)} {DurationText.Format(clock.Window)} {started}, due {ChatText.Time(clock.DeadlineAt!.Value)}"
                + (showRemaining ? $" · *{ChatText.Duration(clock.Remaining(now))} left*" : "")
                + (clock.Pauses.Count > 0 ? $" (paused for {ChatText.Duration(clock.ClosedPauses)})" : ""),
            ClockState.Paused => $"⏸️ {Label(clock)} {DurationText.Format(clock.Window)} {started}, paused {ChatText.Time(clock.Pauses[^1].PausedAt)} "
                + $"with {ChatText.Duration(clock.Remaining(now))} left",
            ClockState.Met => $"✅ {Label(clock)} met {ChatText.Time(clock.MetAt!.Value)} {Outcome(clock)} (due {ChatText.Time(clock.DeadlineAt!.Value)})",
            ClockState.MetLate => $"☑️ {Label(clock)} met {ChatText.Time(clock.MetAt!.Value)}, {Outcome(clock)} (due {ChatText.Time(clock.DeadlineAt!.Value)})",
            _ => $"🔴 {Label(clock)} *breached* {ChatText.Time(clock.BreachedAt ?? clock.DeadlineAt!.Value)}, not met",
        };
    }

    public static string StartedReply(Clock clock, Incident incident, bool isRestart, DateTimeOffset now, TimeZoneInfo zone)
    {
        var lost = LostBeforeDeclaration(clock, incident);
        var parts = new List<string>
        {
            $"⏱️ {(isRestart ? "Restarted" : "Started")} clock {Label(clock)}: {DurationText.Format(clock.Window)} from {TimeText.Describe(clock.StartedAt, zone)}.",
        };
        if (lost >= TimeSpan.FromMinutes(1))
            parts.Add($"Received *{ChatText.Duration(lost)} before* {incident.Key.Key} was declared.");
        var remaining = clock.Remaining(now);
        var gone = clock.Elapsed(now) >= TimeSpan.FromMinutes(1) ? $"{ChatText.Duration(clock.Elapsed(now))} already gone; " : "";
        parts.Add(remaining > TimeSpan.Zero
            ? $"{gone}*{ChatText.Duration(remaining)} left*, due {ChatText.Time(clock.DeadlineAt!.Value)}."
            : $"The window already ended {ChatText.Time(clock.DeadlineAt!.Value)} (*{ChatText.Duration(remaining.Negate())} ago*).");
        if (clock.Reference is { Length: > 0 } reference)
            parts.Add($"_{ChatText.Escape(reference)}_");
        return string.Join(' ', parts);
    }
}
