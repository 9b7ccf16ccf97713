using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary>How action items read in replies, lists and reminders.</summary>
public static class ActionItemMessages
{
    public static string Day(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static RichText Due(ActionItem item) =>
        item.DueDate is { } date ? RichText.Of($"due {Day(date)}") : item.DueAt is { } at ? RichText.Of($"due {RichText.LocalTime(at)}") : RichText.Text("no due date");

    /// <summary>One line; the text only for people who may see the incident.</summary>
    public static RichText Line(ActionItem item, bool canSeeText, bool withIncident)
    {
        var box = item.Status == ActionItemStatus.Done ? "✅" : "☐";
        var what = canSeeText ? RichText.WithMentions(item.Text) : RichText.Text("🔒 restricted");
        var incident = withIncident ? RichText.Of($"{RichText.Bold(new IncidentNumber(item.IncidentNumber).Key)} ") : RichText.Empty;
        var tail = item.Status == ActionItemStatus.Done
            ? RichText.Of($"done {RichText.LocalTime(item.DoneAt!.Value)}")
            : Due(item);
        return RichText.Of($"{box} {incident}#{item.Sequence} {what} — {RichText.Mention(item.Owner)} · {tail}");
    }

    public static ChatMessage Reminder(ActionItem item, Incident incident, bool isOverdue)
    {
        var key = incident.Key.Key;
        var what = incident.IsRestricted
            ? RichText.Of($"(restricted: see {(incident.Channel is { } c ? RichText.Channel(c) : RichText.Text("the incident's channel"))})")
            : RichText.Of($"“{RichText.WithMentions(item.Text)}”");
        var when = isOverdue ? RichText.Of($"is {RichText.Bold("overdue")} ({Due(item)})") : RichText.Of($"is {Due(item)}");
        return ChatMessage.Plain(RichText.Of($"📌 Your action item #{item.Sequence} on {RichText.Bold(key)} {when}: {what}\nWhen it's done: {RichText.Code($"{key} action done {item.Sequence}")}."));
    }
}
