using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary>How action items read in replies, lists and reminders.</summary>
public static class ActionItemMessages
{
    public static string Day(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Due(ActionItem item) =>
        item.DueDate is { } date ? $"due {Day(date)}" : item.DueAt is { } at ? $"due {ChatText.Time(at)}" : "no due date";

    /// <summary>One line; the text only for people who may see the incident.</summary>
    public static string Line(ActionItem item, bool canSeeText, bool withIncident)
    {
        var box = item.Status == ActionItemStatus.Done ? "✅" : "☐";
        var what = canSeeText ? ChatText.EscapeKeepingMentions(item.Text) : "🔒 restricted";
        var incident = withIncident ? $"*{new IncidentNumber(item.IncidentNumber).Key}* " : "";
        var tail = item.Status == ActionItemStatus.Done
            ? $"done {ChatText.Time(item.DoneAt!.Value)}"
            : Due(item);
        return $"{box} {incident}#{item.Sequence} {what} — {item.Owner.Mention} · {tail}";
    }

    public static ChatMessage Reminder(ActionItem item, Incident incident, bool isOverdue)
    {
        var key = incident.Key.Key;
        var what = incident.IsRestricted
            ? $"(restricted: see {(incident.Channel is { } c ? c.Mention : "the incident's channel")})"
            : $"“{ChatText.EscapeKeepingMentions(item.Text)}”";
        var when = isOverdue ? $"is *overdue* ({Due(item)})" : $"is {Due(item)}";
        return ChatMessage.Plain($"📌 Your action item #{item.Sequence} on *{key}* {when}: {what}\nWhen it's done: `{key} action done {item.Sequence}`.");
    }
}
