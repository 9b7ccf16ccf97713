using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Paging;

/// <summary>What paging says in chat: the direct message with its buttons, channel notes, the summary lines.</summary>
public static class PageMessages
{
    public const string AcknowledgeActionId = "page.acknowledge";
    public const string EscalateActionId = "page.escalate";
    public const string DeclineActionId = "page.decline";

    /// <summary>
    /// The direct message to one person paged. A restricted incident shows its number and
    /// severity only: the message lives outside the incident's private channel.
    /// </summary>
    /// <param name="head">The chain's current page, which says whether it was acknowledged.</param>
    public static ChatMessage DirectMessage(Incident incident, Page page, Page head, PageTarget target)
    {
        var blocks = new List<MessageBlock>();
        var what = $"{incident.Key.Key} · {IncidentMessages.SeverityBadge(incident.Severity)}";
        if (incident.IsRestricted)
        {
            blocks.Add(new TextBlock(RichText.Of($"🚨 {RichText.Bold($"You are paged: {what}")} · 🔒 restricted\nDetails are in the incident's private channel, which you join when you acknowledge.")));
        }
        else
        {
            blocks.Add(new HeaderBlock(RichText.Text(ChatText.Truncate($"🚨 {incident.Key.Key} · {incident.Title}", 150))));
            blocks.Add(new FieldsBlock(Fields(incident)));
            if (!string.IsNullOrWhiteSpace(incident.Description))
                blocks.Add(new TextBlock(RichText.WithMentions(ChatText.Truncate(incident.Description, 600))));
        }
        // A reason names what is at stake (a clock's title); a restricted incident's stays in its channel.
        if (!incident.IsRestricted && page.Reason is { Length: > 0 } reason)
            blocks.Add(new TextBlock(RichText.Of($"{RichText.Bold("Why:")} {reason}")));
        // The channel is named only when anyone may see it; a restricted incident's stays out of DMs.
        var where = !incident.IsRestricted && incident.Channel is { } incidentChannel ? RichText.Of($" · channel {RichText.Channel(incidentChannel)}") : RichText.Empty;
        var pagedBy = page.RequestedBy is { } by ? RichText.Of($" · paged by {RichText.Mention(by)}") : RichText.Empty;
        blocks.Add(new ContextBlock(RichText.Of($"{Position(page)}{pagedBy}{where}")));

        var buttons = new List<MessageButton>();
        switch (head.Status)
        {
            case PageStatus.Acknowledged:
                var who = head.AcknowledgedBy == target.User ? RichText.Text("You") : head.AcknowledgedBy is { } acknowledger ? RichText.Mention(acknowledger) : RichText.Text("Someone");
                var channel = !incident.IsRestricted || head.AcknowledgedBy == target.User ? ChannelNote(incident) : RichText.Empty;
                blocks.Add(new TextBlock(RichText.Of($"✅ {who} acknowledged {RichText.LocalTime(head.AcknowledgedAt ?? head.CreatedAt)}.{channel}")));
                break;
            case PageStatus.Cancelled:
                blocks.Add(new TextBlock(RichText.Of($"✖️ {incident.Key.Key} is {IncidentLifecycle.Name(incident.Status)}; this page is closed.")));
                break;
            case PageStatus.Exhausted:
                var reported = head.EscalationPolicy.FallbackChannel is { } fallback ? RichText.Of($"; reported in {RichText.Channel(fallback)}") : RichText.Empty;
                blocks.Add(new TextBlock(RichText.Of($"⚠️ Nobody acknowledged in time{reported}. You can still take it.")));
                buttons.Add(Acknowledge(head));
                break;
            case PageStatus.Pending when head.Id != page.Id:
            case PageStatus.Escalated:
                blocks.Add(new TextBlock(RichText.Text("⏫ No answer in time: the next step is paged. You can still take it.")));
                buttons.Add(Acknowledge(head));
                break;
            default:
                if (target.DeclinedAt is not null)
                {
                    blocks.Add(new TextBlock(RichText.Text("🙅 You said you can't take it; the others paged, or the next step, will.")));
                    break;
                }
                if (page.EscalateAt is { } at)
                    blocks.Add(new ContextBlock(RichText.Of($"Escalates {RichText.LocalTime(at)} unless someone acknowledges.")));
                buttons.Add(Acknowledge(page));
                buttons.Add(new MessageButton(EscalateActionId, "Escalate now", page.Id));
                buttons.Add(new MessageButton(DeclineActionId, "Can't take it", page.Id, ButtonStyle.Danger));
                break;
        }
        if (buttons.Count > 0)
            blocks.Add(new ButtonsBlock("page:" + page.Id, buttons));
        var text = incident.IsRestricted
            ? $"Page: {incident.Key.Key} {incident.Severity.Label()} (restricted)"
            : $"Page: {incident.Key.Key} {incident.Severity.Label()} {incident.Title}";
        // The notification shows only this text: a page with a reason (a clock about to breach) says why.
        if (page.Reason is { Length: > 0 } why)
            text += " — " + why;
        return new ChatMessage(RichText.Text(text), blocks);
    }

    /// <summary>The incident-channel note when a step went unanswered.</summary>
    public static ChatMessage Escalated(Page from, Page to)
    {
        var who = from.Targets.Count > 0 ? RichText.Join(RichText.Text(", "), from.Targets.Select(t => RichText.Mention(t.User))) : RichText.Text("nobody reachable");
        return ChatMessage.Plain(RichText.Of($"⏫ {RichText.Bold(from.EscalationPolicy.Name)}: no acknowledgement from {who}; paging step {EscalationPlan.Ordinal(to.EscalationPolicy, to.Position)} of {EscalationPlan.TotalPages(to.EscalationPolicy)}."));
    }

    /// <summary>The fallback-channel post when a policy is exhausted; a restricted incident shows its number and severity only.</summary>
    public static ChatMessage Exhausted(Incident incident, Page page)
    {
        var what = incident.IsRestricted
            ? $"{incident.Key.Key} ({IncidentMessages.SeverityBadge(incident.Severity)}, restricted)"
            : $"{incident.Key.Key} ({IncidentMessages.SeverityBadge(incident.Severity)}) {incident.Title}";
        var channel = !incident.IsRestricted && incident.Channel is { } c ? RichText.Of($" {RichText.Channel(c)}") : RichText.Empty;
        return ChatMessage.Plain(RichText.Of($"⚠️ Nobody acknowledged {RichText.Bold(page.EscalationPolicy.Name)} for {what} after {EscalationPlan.TotalPages(page.EscalationPolicy)} pages.{channel} Can someone take it?"));
    }

    /// <summary>The incident-channel note about people the step could not reach.</summary>
    public static ChatMessage Unreachable(Page page) =>
        ChatMessage.Plain(RichText.Of($"⚠️ {RichText.Bold(page.EscalationPolicy.Name)} could not page: {RichText.WithCode(string.Join("; ", page.Unreachable))}. "
            + $"{(page.Targets.Count == 0 ? "Moving to the next step now." : "The others were paged.")}"));

    /// <summary>The line of a policy in the pinned summary, from the chain's head and who its steps could not reach.</summary>
    public static RichText SummaryLine(Page head, IReadOnlyCollection<string> unreachable)
    {
        var missed = unreachable.Count > 0 ? RichText.Of($" · could not page: {RichText.WithCode(string.Join("; ", unreachable))}") : RichText.Empty;
        var name = RichText.Bold(head.EscalationPolicy.Name);
        return head.Status switch
        {
            PageStatus.Acknowledged => RichText.Of($"✅ {name}: acknowledged by {(head.AcknowledgedBy is { } by ? RichText.Mention(by) : RichText.Empty)} {RichText.LocalTime(head.AcknowledgedAt ?? head.CreatedAt)}"),
            PageStatus.Exhausted => RichText.Of($"⚠️ {name}: nobody acknowledged{(head.EscalationPolicy.FallbackChannel is { } c ? RichText.Of($" (reported in {RichText.Channel(c)})") : RichText.Empty)}{missed}"),
            PageStatus.Cancelled => RichText.Of($"✖️ {name}: stopped"),
            _ => RichText.Of($"⏳ {name}: paging {Who(head)} · step {EscalationPlan.Ordinal(head.EscalationPolicy, head.Position)} of {EscalationPlan.TotalPages(head.EscalationPolicy)}"
                 + $"{(head.EscalateAt is { } at ? RichText.Of($" · escalates {RichText.LocalTime(at)}") : RichText.Empty)}"
                 + $"{missed}"),
        };
    }

    public static string Hash(ChatMessage message) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message, DocumentJson.Options))))[..32];

    private static RichText Who(Page page) =>
        !page.AreTargetsResolved ? RichText.Text("…") : page.Targets.Count == 0 ? RichText.Text("nobody reachable") : RichText.Join(RichText.Text(", "), page.Targets.Select(t => RichText.Mention(t.User)));

    private static RichText Position(Page page) =>
        RichText.Of($"{page.EscalationPolicy.Name} · page {EscalationPlan.Ordinal(page.EscalationPolicy, page.Position)} of {EscalationPlan.TotalPages(page.EscalationPolicy)}");

    private static RichText ChannelNote(Incident incident) => incident.Channel is { } channel ? RichText.Of($" Join the incident in {RichText.Channel(channel)}.") : RichText.Empty;

    private static MessageButton Acknowledge(Page page) => new(AcknowledgeActionId, "Acknowledge", page.Id, ButtonStyle.Primary);

    private static List<MessageField> Fields(Incident incident)
    {
        var fields = new List<MessageField>
        {
            Field("Severity", RichText.Text(IncidentMessages.SeverityBadge(incident.Severity))),
            Field("Status", RichText.Text(IncidentMessages.StatusName(incident.Status))),
            Field("Source", RichText.Text(incident.Source.Name())),
        };
        if (incident.Markets.Count > 0)
            fields.Add(Field("Markets", RichText.Text(string.Join(", ", incident.Markets.Select(MarketCodes.Describe)))));
        if (incident.Languages.Count > 0)
            fields.Add(Field("Languages", RichText.Text(string.Join(", ", incident.Languages.Select(LanguageCodes.Describe)))));
        fields.Add(Field("Declared", RichText.LocalTime(incident.DeclaredAt)));
        if (incident.Channel is { } channel)
            fields.Add(Field("Channel", RichText.Channel(channel)));
        return fields;
    }

    private static MessageField Field(string label, RichText value) => new(RichText.Text(label), value);
}
