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
            blocks.Add(new TextBlock($"🚨 *You are paged: {what}* · 🔒 restricted\nDetails are in the incident's private channel, which you join when you acknowledge."));
        }
        else
        {
            blocks.Add(new HeaderBlock(ChatText.Truncate($"🚨 {incident.Key.Key} · {incident.Title}", 150)));
            blocks.Add(new FieldsBlock(Fields(incident)));
            if (!string.IsNullOrWhiteSpace(incident.Description))
                blocks.Add(new TextBlock(ChatText.Truncate(ChatText.EscapeKeepingMentions(incident.Description), 600)));
        }
        // A reason names what is at stake (a clock's title); a restricted incident's stays in its channel.
        if (!incident.IsRestricted && page.Reason is { Length: > 0 } reason)
            blocks.Add(new TextBlock("*Why:* " + ChatText.Escape(reason)));
        // The channel is named only when anyone may see it; a restricted incident's stays out of DMs.
        var where = !incident.IsRestricted && incident.Channel is { } incidentChannel ? $" · channel {incidentChannel.Mention}" : "";
        blocks.Add(new ContextBlock(Position(page) + (page.RequestedBy is { } by ? $" · paged by {by.Mention}" : "") + where));

        var buttons = new List<MessageButton>();
        switch (head.Status)
        {
            case PageStatus.Acknowledged:
                var who = head.AcknowledgedBy == target.User ? "You" : head.AcknowledgedBy?.Mention ?? "Someone";
                var channel = !incident.IsRestricted || head.AcknowledgedBy == target.User ? ChannelNote(incident) : "";
                blocks.Add(new TextBlock($"✅ {who} acknowledged {ChatText.Time(head.AcknowledgedAt ?? head.CreatedAt)}.{channel}"));
                break;
            case PageStatus.Cancelled:
                blocks.Add(new TextBlock($"✖️ {incident.Key.Key} is {IncidentLifecycle.Name(incident.Status)}; this page is closed."));
                break;
            case PageStatus.Exhausted:
                blocks.Add(new TextBlock("⚠️ Nobody acknowledged in time" + (head.Policy.FallbackChannel is { } fallback ? $"; reported in {fallback.Mention}" : "") + ". You can still take it."));
                buttons.Add(Acknowledge(head));
                break;
            case PageStatus.Pending when head.Id != page.Id:
            case PageStatus.Escalated:
                blocks.Add(new TextBlock("⏫ No answer in time: the next step is paged. You can still take it."));
                buttons.Add(Acknowledge(head));
                break;
            default:
                if (target.DeclinedAt is not null)
                {
                    blocks.Add(new TextBlock("🙅 You said you can't take it; the others paged, or the next step, will."));
                    break;
                }
                if (page.EscalateAt is { } at)
                    blocks.Add(new ContextBlock($"Escalates {ChatText.Time(at)} unless someone acknowledges."));
                buttons.Add(Acknowledge(page));
                buttons.Add(new MessageButton(EscalateActionId, "Escalate now", page.Id));
                buttons.Add(new MessageButton(DeclineActionId, "Can't take it", page.Id, ButtonStyle.Danger));
                break;
        }
        if (buttons.Count > 0)
            blocks.Add(new ButtonsBlock("page:" + page.Id, buttons));
        var text = incident.IsRestricted
            ? $"Page: {incident.Key.Key} {incident.Severity.Label()} (restricted)"
            : $"Page: {incident.Key.Key} {incident.Severity.Label()} {ChatText.Escape(incident.Title)}";
        // The notification shows only this text: a page with a reason (a clock about to breach) says why.
        if (page.Reason is { Length: > 0 } why)
            text += " — " + ChatText.Escape(why);
        return new ChatMessage(text, blocks);
    }

    /// <summary>The incident-channel note when a step went unanswered.</summary>
    public static ChatMessage Escalated(Page from, Page to)
    {
        var who = from.Targets.Count > 0 ? string.Join(", ", from.Targets.Select(t => t.User.Mention)) : "nobody reachable";
        return ChatMessage.Plain($"⏫ *{ChatText.Escape(from.Policy.Name)}*: no acknowledgement from {who}; paging step {EscalationPlan.Ordinal(to.Policy, to.Position)} of {EscalationPlan.TotalPages(to.Policy)}.");
    }

    /// <summary>The fallback-channel post when a policy is exhausted; a restricted incident shows its number and severity only.</summary>
    public static ChatMessage Exhausted(Incident incident, Page page)
    {
        var what = incident.IsRestricted
            ? $"{incident.Key.Key} ({IncidentMessages.SeverityBadge(incident.Severity)}, restricted)"
            : $"{incident.Key.Key} ({IncidentMessages.SeverityBadge(incident.Severity)}) {ChatText.Escape(incident.Title)}";
        var channel = !incident.IsRestricted && incident.Channel is { } c ? " " + c.Mention : "";
        return ChatMessage.Plain($"⚠️ Nobody acknowledged *{ChatText.Escape(page.Policy.Name)}* for {what} after {EscalationPlan.TotalPages(page.Policy)} pages.{channel} Can someone take it?");
    }

    /// <summary>The incident-channel note about people the step could not reach.</summary>
    public static ChatMessage Unreachable(Page page) =>
        ChatMessage.Plain($"⚠️ *{ChatText.Escape(page.Policy.Name)}* could not page: {string.Join("; ", page.Unreachable.Select(ChatText.Escape))}. "
            + (page.Targets.Count == 0 ? "Moving to the next step now." : "The others were paged."));

    /// <summary>The line of a policy in the pinned summary, from the chain's head and who its steps could not reach.</summary>
    public static string SummaryLine(Page head, IReadOnlyCollection<string> unreachable)
    {
        var missed = unreachable.Count > 0 ? $" · could not page: {string.Join("; ", unreachable.Select(ChatText.Escape))}" : "";
        var name = $"*{ChatText.Escape(head.Policy.Name)}*";
        return head.Status switch
        {
            PageStatus.Acknowledged => $"✅ {name}: acknowledged by {head.AcknowledgedBy?.Mention} {ChatText.Time(head.AcknowledgedAt ?? head.CreatedAt)}",
            PageStatus.Exhausted => $"⚠️ {name}: nobody acknowledged" + (head.Policy.FallbackChannel is { } c ? $" (reported in {c.Mention})" : "") + missed,
            PageStatus.Cancelled => $"✖️ {name}: stopped",
            _ => $"⏳ {name}: paging {Who(head)} · step {EscalationPlan.Ordinal(head.Policy, head.Position)} of {EscalationPlan.TotalPages(head.Policy)}"
                 + (head.EscalateAt is { } at ? $" · escalates {ChatText.Time(at)}" : "")
                 + missed,
        };
    }

    public static string Hash(ChatMessage message) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message, DocumentJson.Options))))[..32];

    private static string Who(Page page) =>
        !page.AreTargetsResolved ? "…" : page.Targets.Count == 0 ? "nobody reachable" : string.Join(", ", page.Targets.Select(t => t.User.Mention));

    private static string Position(Page page) =>
        $"{ChatText.Escape(page.Policy.Name)} · page {EscalationPlan.Ordinal(page.Policy, page.Position)} of {EscalationPlan.TotalPages(page.Policy)}";

    private static string ChannelNote(Incident incident) => incident.Channel is { } channel ? $" Join the incident in {channel.Mention}." : "";

    private static MessageButton Acknowledge(Page page) => new(AcknowledgeActionId, "Acknowledge", page.Id, ButtonStyle.Primary);

    private static List<MessageField> Fields(Incident incident)
    {
        var fields = new List<MessageField>
        {
            new("Severity", IncidentMessages.SeverityBadge(incident.Severity)),
            new("Status", IncidentMessages.StatusName(incident.Status)),
            new("Source", incident.Source.Name()),
        };
        if (incident.Markets.Count > 0)
            fields.Add(new("Markets", string.Join(", ", incident.Markets.Select(MarketCodes.Describe))));
        if (incident.Languages.Count > 0)
            fields.Add(new("Languages", string.Join(", ", incident.Languages.Select(LanguageCodes.Describe))));
        fields.Add(new("Declared", ChatText.Time(incident.DeclaredAt)));
        if (incident.Channel is { } channel)
            fields.Add(new("Channel", channel.Mention));
        return fields;
    }
}
