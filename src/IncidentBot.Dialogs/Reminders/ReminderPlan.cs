namespace IncidentBot.Dialogs.Reminders;

/// <summary>
/// Which reminders of a plan are due and when the next one is. A plan is a sequence ordered by
/// time, possibly endless (daily while overdue), read lazily. A reminder is due when its time
/// has come, it has not gone out, and it is later than the last one that did: so after
/// downtime only the latest of several missed reminders is sent, and the others are skipped.
/// </summary>
public static class ReminderPlan
{
    /// <summary>Looking further than this many reminders ahead is a bug in a plan, not a long incident.</summary>
    public const int MaxLookahead = 10_000;

    public static DueReminders? Due(IEnumerable<PlannedReminder> plan, IReadOnlyList<SentReminder> sent, DateTimeOffset now)
    {
        var after = LastPlannedAt(sent);
        var due = new List<PlannedReminder>();
        foreach (var reminder in plan.Take(MaxLookahead))
        {
            if (reminder.At > now)
                break;
            if ((after is null || reminder.At > after) && !sent.Any(s => s.Key == reminder.Key && (s.SentAt is not null || s.IsSkipped)))
                due.Add(reminder);
        }
        return due.Count == 0 ? null : new DueReminders(due[^1], due[..^1]);
    }

    /// <summary>When the next reminder is due (now, if one is due already); null when the plan is over.</summary>
    public static DateTimeOffset? Next(IEnumerable<PlannedReminder> plan, IReadOnlyList<SentReminder> sent, DateTimeOffset now)
    {
        var after = LastPlannedAt(sent);
        foreach (var reminder in plan.Take(MaxLookahead))
        {
            if ((after is not null && reminder.At <= after) || sent.Any(s => s.Key == reminder.Key && (s.SentAt is not null || s.IsSkipped)))
                continue;
            return reminder.At <= now ? now : reminder.At;
        }
        return null;
    }

    private static DateTimeOffset? LastPlannedAt(IReadOnlyList<SentReminder> sent)
    {
        DateTimeOffset? last = null;
        foreach (var s in sent)
        {
            if ((s.SentAt is not null || s.IsSkipped) && (last is null || s.PlannedAt > last))
                last = s.PlannedAt;
        }
        return last;
    }
}
