using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.PostMortems;

public static class PostMortemMessages
{
    public static string Day(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static RichText Subject(Incident incident) =>
        incident.IsRestricted ? RichText.Of($"{RichText.Bold(incident.Key.Key)} (restricted)") : RichText.Of($"{RichText.Bold(incident.Key.Key)} ({ChatText.Truncate(incident.Title, 80)})");

    public static ChatMessage Reminder(PostMortem postMortem, Incident incident, string key)
    {
        var due = Day(postMortem.DueDate!.Value);
        var key0 = incident.Key.Key;
        var lead = key switch
        {
            "assigned" => RichText.Of($"📝 You own the post-mortem of {Subject(incident)}. It is due {RichText.Bold(due)} (end of your working day)."),
            "before" => RichText.Of($"📝 The post-mortem of {Subject(incident)} is due {RichText.Bold(due)}."),
            "due" => RichText.Of($"📝 The post-mortem of {Subject(incident)} is due {RichText.Bold("today")} ({due})."),
            _ => RichText.Of($"📝 The post-mortem of {Subject(incident)} is {RichText.Bold("overdue")}: it was due {due}."),
        };
        return ChatMessage.Plain(RichText.Of($"{lead}\nA draft from the timeline: {RichText.Code($"{key0} postmortem")}. When it is written: {RichText.Code($"{key0} postmortem done <link>")}."));
    }

    public static RichText Status(PostMortem? postMortem) => postMortem switch
    {
        null => RichText.Text("No post-mortem is due."),
        { Status: PostMortemStatus.Done } done => RichText.Of($"Post-mortem done {RichText.LocalTime(done.DoneAt!.Value)}: {RichText.Link(done.Link!, done.Link!)}."),
        { Status: PostMortemStatus.Waiting } waiting => RichText.Of($"Post-mortem owner {RichText.Mention(waiting.Owner)}; it becomes due when the incident is resolved."),
        var due => RichText.Of($"Post-mortem owner {RichText.Mention(due.Owner)}, due {RichText.Bold(Day(due.DueDate!.Value))}."),
    };
}
