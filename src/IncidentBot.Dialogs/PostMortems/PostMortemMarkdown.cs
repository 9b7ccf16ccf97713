using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>
/// The post-mortem draft as Markdown (GitHub-flavoured tables): what the record already knows,
/// and headed sections for what only the team can write. Pure: the same record gives the same
/// bytes, so the output is checked against a golden file.
/// </summary>
public static partial class PostMortemMarkdown
{
    public const string ToComplete = "_To complete._";

    private const string Withheld = "_withheld: restricted incident_";

    public static string Render(PostMortemRecord record)
    {
        var incident = record.Incident;
        var zone = record.LeadZone;
        var md = new StringBuilder(4096 + record.Timeline.Count * 120);
        var title = record.IsRedacted ? "(restricted)" : Inline(incident.Title, record);
        md.Append("# ").Append(incident.Key.Key).Append(" post-mortem (draft): ").Append(title).Append("\n\n");
        md.Append("_Drafted by IncidentBot on ").Append(Utc(record.GeneratedAt))
          .Append(" from the incident record and its timeline. Times are UTC")
          .Append(IsUtc(zone) ? "" : $", with the lead's time zone ({zone.Id}) alongside")
          .Append(". Fill in the sections marked “to complete”._\n\n");

        md.Append("## Summary\n\n| | |\n| --- | --- |\n");
        Row(md, "Incident", incident.Key.Key);
        Row(md, "Severity", incident.Severity.Label());
        Row(md, "Status", IncidentLifecycle.Name(incident.Status));
        Row(md, "Source", incident.Source.Name());
        Row(md, "Restricted", incident.IsRestricted ? "yes" : "no");
        Row(md, "Declared", Both(incident.DeclaredAt, zone));
        if (incident.ResolvedAt is { } resolved)
            Row(md, "Resolved", Both(resolved, zone));
        if (incident.ClosedAt is { } closed)
            Row(md, "Closed", Both(closed, zone));
        if (incident.CancelledAt is { } cancelled)
            Row(md, "Cancelled", Both(cancelled, zone));
        if (record.PostMortem is { } pm)
        {
            var state = pm.Status switch
            {
                PostMortemStatus.Done => $"done {Utc(pm.DoneAt!.Value)}" + (!record.IsRedacted && pm.Link is { } link ? $" ({Cell(link, record)})" : ""),
                PostMortemStatus.Due => $"due {pm.DueDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({pm.OwnerTimeZone})",
                _ => "due once the incident is resolved",
            };
            Row(md, "Post-mortem", $"{Person(pm.Owner, record)}, {state}");
        }
        md.Append('\n');
        if (!record.IsRedacted && incident.Description is { Length: > 0 } description)
            md.Append(Block(description, record)).Append("\n\n");
        if (!record.IsRedacted && incident.ResolutionSummary is { Length: > 0 } summary)
            md.Append("**Resolution:** ").Append(Block(summary, record)).Append("\n\n");

        md.Append("## Impact\n\n").Append(ToComplete)
          .Append(" Who and what was affected, how much content and how many people, for how long, and what users saw.\n\n");

        md.Append("## Markets and languages\n\n");
        md.Append("- Markets: ").Append(incident.Markets.Count == 0 ? "none recorded" : string.Join(", ", incident.Markets.Select(MarketCodes.Describe))).Append('\n');
        md.Append("- Languages: ").Append(incident.Languages.Count == 0 ? "none recorded" : string.Join(", ", incident.Languages.Select(LanguageCodes.Describe))).Append("\n\n");

        md.Append("## Key times\n\n| Measure | Time from declaration | At |\n| --- | --- | --- |\n");
        KeyTime(md, "Time to acknowledge", incident.DeclaredAt, incident.AcknowledgedAt, zone);
        KeyTime(md, "Time to mitigate", incident.DeclaredAt, incident.MitigatedAt, zone);
        KeyTime(md, "Time to resolve", incident.DeclaredAt, incident.ResolvedAt, zone);
        md.Append('\n');

        md.Append("## Clocks\n\n");
        if (record.Clocks.Count == 0)
        {
            md.Append("No regulatory or partner clocks were started.\n\n");
        }
        else
        {
            md.Append("| Clock | Window | Received | Deadline | Paused | Outcome |\n| --- | --- | --- | --- | --- | --- |\n");
            foreach (var clock in record.Clocks)
            {
                var name = !record.IsRedacted && clock.Title is { Length: > 0 } t ? $"{clock.Name}: {Cell(t, record)}" : clock.Name;
                var deadline = clock.DeadlineAt ?? clock.BreachedAt;
                md.Append("| ").Append(name)
                  .Append(" | ").Append(DurationText.Format(clock.Window))
                  .Append(" | ").Append(Utc(clock.StartedAt))
                  .Append(" | ").Append(deadline is { } d ? Utc(d) : "—")
                  .Append(" | ").Append(clock.Pauses.Count == 0 ? "—" : ChatText.Duration(clock.ClosedPauses))
                  .Append(" | ").Append(Outcome(clock, record.GeneratedAt))
                  .Append(" |\n");
            }
            md.Append('\n');
        }

        md.Append("## Roles\n\n| Role | Person |\n| --- | --- |\n");
        Row(md, "Lead", incident.Roles.Lead is { } lead ? Person(lead, record) : "—");
        Row(md, "Comms", incident.Roles.Comms is { } comms ? Person(comms, record) : "—");
        Row(md, "Scribe", incident.Roles.Scribe is { } scribe ? Person(scribe, record) : "—");
        Row(md, "Reporter", Person(incident.Reporter, record));
        if (incident.Participants.Count > 0)
            Row(md, "Participants", string.Join(", ", incident.Participants.Select(p => Person(p, record))));
        md.Append('\n');

        md.Append("## Timeline\n\n");
        md.Append(IsUtc(zone) ? "| Time (UTC) | Who | What |\n| --- | --- | --- |\n" : $"| Time (UTC) | Time ({zone.Id}) | Who | What |\n| --- | --- | --- | --- |\n");
        foreach (var e in record.Timeline)
        {
            md.Append("| ").Append(Stamp(e.At));
            if (!IsUtc(zone))
                md.Append(" | ").Append(Stamp(ZonedTime.Local(e.At, zone)));
            md.Append(" | ").Append(e.Actor is { } actor ? Person(actor, record) : "IncidentBot")
              .Append(" | ").Append(What(e, record))
              .Append(" |\n");
        }
        md.Append('\n');

        md.Append("## Action items\n\n");
        if (record.ActionItems.Count == 0)
        {
            md.Append("None recorded yet. Add them with `action add <text> @owner [due <date>]`.\n\n");
        }
        else
        {
            md.Append("| # | Action | Owner | Due | Status |\n| --- | --- | --- | --- | --- |\n");
            foreach (var item in record.ActionItems)
            {
                md.Append("| ").Append(item.Sequence.ToString(CultureInfo.InvariantCulture))
                  .Append(" | ").Append(record.IsRedacted ? Withheld : Cell(item.Text, record))
                  .Append(" | ").Append(Person(item.Owner, record))
                  .Append(" | ").Append(item.DueDate is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : item.DueAt is { } at ? Utc(at) : "—")
                  .Append(" | ").Append(item.Status == ActionItemStatus.Done ? $"done {Utc(item.DoneAt!.Value)}" : "open")
                  .Append(" |\n");
            }
            md.Append('\n');
        }

        foreach (var section in (string[])["What went well", "What went wrong", "Where we got lucky", "Root causes and contributing factors", "Lessons and follow-up"])
            md.Append("## ").Append(section).Append("\n\n").Append(ToComplete).Append("\n\n");
        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static string What(TimelineEvent e, PostMortemRecord record)
    {
        string Text() => record.IsRedacted ? Withheld : Cell(e.Text ?? "", record);
        return e.Kind switch
        {
            TimelineKind.Declared => $"Declared {e.To}: " + (record.IsRedacted ? Withheld : Cell(e.Text ?? "", record)),
            TimelineKind.StatusChanged => $"Status {e.From} → {e.To}",
            TimelineKind.SeverityChanged => $"Severity {e.From} → {e.To}",
            TimelineKind.RoleAssigned => $"{(e.To is { } to ? Person(new UserId(to), record) : "someone")} is now {(e.Text is { Length: > 0 } role ? Cell(role, record) : "a role holder")}",
            TimelineKind.StatusUpdate => "Status update: " + Text(),
            TimelineKind.Note => "Note: " + Text(),
            TimelineKind.Resolved => "Resolved" + (e.Text is { Length: > 0 } ? ": " + Text() : ""),
            TimelineKind.Closed => "Closed",
            TimelineKind.Reopened => "Reopened",
            TimelineKind.Cancelled => "Cancelled" + (e.Text is { Length: > 0 } ? ": " + Text() : ""),
            TimelineKind.MessageAdded => "Message: " + Text() + (!record.IsRedacted && e.Link is { } link ? $" ([link]({Cell(link, record)}))" : ""),
            TimelineKind.ChannelCreated => "Incident channel created",
            TimelineKind.Joined => $"{(e.To is { } joined ? Person(new UserId(joined), record) : "someone")} joined",
            TimelineKind.ClockStarted or TimelineKind.ClockPaused or TimelineKind.ClockResumed or TimelineKind.ClockMet or TimelineKind.ClockBreached
                => !record.IsRedacted && e.Text is { Length: > 0 } clockText ? Cell(clockText, record) : ClockChange(e),
            TimelineKind.PostMortemDue => !record.IsRedacted && e.Text is { Length: > 0 } dueText ? Cell(dueText, record) : "Post-mortem due",
            TimelineKind.PostMortemDone => "Post-mortem done" + (!record.IsRedacted && e.Link is { } pmLink ? $": {Cell(pmLink, record)}" : ""),
            TimelineKind.ActionItemAdded or TimelineKind.ActionItemDone => record.IsRedacted ? $"{e.Kind}: {Withheld}" : Cell(e.Text ?? "", record),
            TimelineKind.HoldPlaced => "Legal hold placed" + (e.Text is { Length: > 0 } ? ": " + Text() : ""),
            TimelineKind.HoldReleased => "Legal hold released",
            TimelineKind.Purged => "Chat side and reports purged after the retention period",
            _ => $"{e.Kind}" + (e.Text is { Length: > 0 } ? ": " + Text() : ""),
        };
    }

    /// <summary>A clock's change without its text (which may hold a pause reason): the clock's name and what happened.</summary>
    private static string ClockChange(TimelineEvent e)
    {
        var what = e.Kind switch
        {
            TimelineKind.ClockStarted => "started",
            TimelineKind.ClockPaused => "paused",
            TimelineKind.ClockResumed => "resumed",
            TimelineKind.ClockMet => "met",
            _ => "breached",
        };
        return e.To is { Length: > 0 } name ? $"Clock {name.Replace("|", "\\|", StringComparison.Ordinal)} {what}" : $"Clock {what}";
    }

    private static string Outcome(Clock clock, DateTimeOffset now) => clock.State(now) switch
    {
        ClockState.Met => $"met {Utc(clock.MetAt!.Value)}, {ClockMessages.Outcome(clock)}",
        ClockState.MetLate => $"**met late** {Utc(clock.MetAt!.Value)}, {ClockMessages.Outcome(clock)}",
        ClockState.Breached => $"**breached** {Utc(clock.BreachedAt ?? clock.DeadlineAt!.Value)}, not met",
        ClockState.Paused => $"paused, {ChatText.Duration(clock.Remaining(now))} left",
        _ => $"running, {ChatText.Duration(clock.Remaining(now))} left",
    };

    private static void KeyTime(StringBuilder md, string label, DateTimeOffset from, DateTimeOffset? at, TimeZoneInfo zone)
    {
        md.Append("| ").Append(label).Append(" | ");
        md.Append(at is { } t ? ChatText.Duration(t - from) : "—").Append(" | ").Append(at is { } when ? Both(when, zone) : "—").Append(" |\n");
    }

    private static void Row(StringBuilder md, string label, string value) =>
        md.Append("| ").Append(label).Append(" | ").Append(value).Append(" |\n");

    private static string Person(UserId user, PostMortemRecord record) =>
        !record.IsRedacted && record.Names.TryGetValue(user, out var name) ? $"{Cell(name, record)} (@{user.Value})" : "@" + user.Value;

    private static bool IsUtc(TimeZoneInfo zone) => zone.Id is "UTC" or "Etc/UTC" or "Etc/Universal" || zone == TimeZoneInfo.Utc;

    private static string Utc(DateTimeOffset at) => Stamp(at.UtcDateTime) + " UTC";

    private static string Stamp(DateTimeOffset at) => Stamp(at.UtcDateTime);

    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Both(DateTimeOffset at, TimeZoneInfo zone) =>
        IsUtc(zone) ? Utc(at) : $"{Utc(at)} ({Stamp(ZonedTime.Local(at, zone))} {zone.Id})";

    /// <summary>Text for a table cell: one line, pipes escaped, mentions as names, no raw HTML.</summary>
    private static string Cell(string text, PostMortemRecord record) =>
        Inline(text, record).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Block(string text, PostMortemRecord record) => Inline(text, record);

    private static string Inline(string text, PostMortemRecord record)
    {
        var withNames = Mention().Replace(text, m => m.Groups[1].Value == "@"
            ? (record.Names.TryGetValue(new UserId(m.Groups[2].Value), out var name) && !record.IsRedacted ? "@" + name : "@" + m.Groups[2].Value)
            : "#" + m.Groups[2].Value);
        var builder = new StringBuilder(withNames.Length);
        foreach (var c in withNames)
        {
            switch (c)
            {
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '\r':
                    break;
                case '\n':
                    builder.Append("<br>");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
        return builder.ToString().Trim();
    }

    [GeneratedRegex(@"<([@#])([A-Za-z0-9:._\-]{1,200})(?:\|[^>]*)?>")]
    private static partial Regex Mention();
}
