using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.PostMortems;

public static class PostMortemMessages
{
    public static string Day(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Subject(Incident incident) =>
        incident.IsRestricted ? $"*{incident.Key.Key}* (restricted)" : $"*{incident.Key.Key}* ({ChatText.Escape(ChatText.Truncate(incident.Title, 80))})";

    public static ChatMessage Reminder(PostMortem postMortem, Incident incident, string key)
    {
        var due = Day(postMortem.DueDate!.Value);
        var key0 = incident.Key.Key;
        var lead = key switch
        {
            "assigned" => $"📝 You own the post-mortem of {Subject(incident)}. It is due *{due}* (end of your working day).",
            "before" => $"📝 The post-mortem of {Subject(incident)} is due *{due}*.",
            "due" => $"📝 The post-mortem of {Subject(incident)} is due *today* ({due}).",
            _ => $"📝 The post-mortem of {Subject(incident)} is *overdue*: it was due {due}.",
        };
        return ChatMessage.Plain($"{lead}\nA draft from the timeline: `{key0} postmortem`. When it is written: `{key0} postmortem done <link>`.");
    }

    public static string Status(PostMortem? postMortem) => postMortem switch
    {
        null => "No post-mortem is due.",
        { Status: PostMortemStatus.Done } done => $"Post-mortem done {ChatText.Time(done.DoneAt!.Value)}: <{done.Link}>.",
        { Status: PostMortemStatus.Waiting } waiting => $"Post-mortem owner {waiting.Owner.Mention}; it becomes due when the incident is resolved.",
        var due => $"Post-mortem owner {due.Owner.Mention}, due *{Day(due.DueDate!.Value)}*.",
    };
}
