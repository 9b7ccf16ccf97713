using System.Text;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Channels;

/// <summary>The messages the bot posts about incidents, built once for every platform.</summary>
public static class IncidentMessages
{
    public const string JoinActionId = "incident.join";

    public static string SeverityBadge(Severity severity) => severity switch
    {
        Severity.Sev1 => "🔴 SEV1",
        Severity.Sev2 => "🟠 SEV2",
        Severity.Sev3 => "🟡 SEV3",
        _ => "🔵 SEV4",
    };

    public static string StatusName(IncidentStatus status) => status switch
    {
        IncidentStatus.Declared => "Declared",
        IncidentStatus.Investigating => "Investigating",
        IncidentStatus.Mitigated => "Mitigated",
        IncidentStatus.Resolved => "Resolved",
        IncidentStatus.Closed => "Closed",
        _ => "Cancelled",
    };

    /// <summary>The pinned summary in the incident channel; <paramref name="extra"/> comes from features such as clocks.</summary>
    public static ChatMessage Summary(Incident incident, IReadOnlyList<MessageBlock> extra)
    {
        var blocks = new List<MessageBlock>
        {
            new HeaderBlock(ChatText.Truncate($"{incident.Key.Key} · {incident.Title}", 150)),
            new FieldsBlock(SummaryFields(incident)),
        };
        if (!string.IsNullOrWhiteSpace(incident.Description))
            blocks.Add(new TextBlock(ChatText.Truncate(ChatText.EscapeKeepingMentions(incident.Description), 2900)));
        if (incident.ResolutionSummary is { Length: > 0 } summary)
            blocks.Add(new TextBlock("*Resolution:* " + ChatText.Truncate(ChatText.EscapeKeepingMentions(summary), 2800)));
        blocks.AddRange(extra);
        var context = new StringBuilder();
        if (incident.IsRestricted)
            context.Append("🔒 Restricted: keep details in this channel. ");
        if (incident.OriginMessageLink is { } link)
            context.Append("Declared from <").Append(link).Append("|this message>. ");
        context.Append("Updated ").Append(ChatText.Time(incident.UpdatedAt));
        blocks.Add(new ContextBlock(context.ToString()));
        return new ChatMessage($"{incident.Key.Key} {incident.Severity.Label()} {StatusName(incident.Status)}: {ChatText.Escape(incident.Title)}", blocks);
    }

    public static IReadOnlyList<MessageField> SummaryFields(Incident incident)
    {
        var fields = new List<MessageField>
        {
            new("Severity", SeverityBadge(incident.Severity)),
            new("Status", StatusName(incident.Status)),
            new("Source", incident.Source.Name()),
            new("Reporter", incident.Reporter.Mention),
        };
        if (incident.Markets.Count > 0)
            fields.Add(new("Markets", string.Join(", ", incident.Markets.Select(MarketCodes.Describe))));
        if (incident.Languages.Count > 0)
            fields.Add(new("Languages", string.Join(", ", incident.Languages.Select(LanguageCodes.Describe))));
        fields.Add(new("Lead", incident.Roles.Lead?.Mention ?? "_unassigned_"));
        if (incident.Roles.Comms is { } comms)
            fields.Add(new("Comms", comms.Mention));
        if (incident.Roles.Scribe is { } scribe)
            fields.Add(new("Scribe", scribe.Mention));
        fields.Add(new("Declared", ChatText.Time(incident.DeclaredAt)));
        if (incident.AcknowledgedAt is { } acknowledged)
            fields.Add(new("Acknowledged", ChatText.Time(acknowledged)));
        if (incident.MitigatedAt is { } mitigated)
            fields.Add(new("Mitigated", ChatText.Time(mitigated)));
        if (incident.ResolvedAt is { } resolved)
            fields.Add(new("Resolved", ChatText.Time(resolved)));
        if (incident.ClosedAt is { } closed)
            fields.Add(new("Closed", ChatText.Time(closed)));
        if (incident.CancelledAt is { } cancelled)
            fields.Add(new("Cancelled", ChatText.Time(cancelled)));
        return fields;
    }

    /// <summary>
    /// The announcement-channel message. A restricted incident shows its number, severity and
    /// status only: no title, markets or channel, and no button to join.
    /// </summary>
    public static ChatMessage Announcement(Incident incident, Severity? previousSeverity, IncidentStatus? previousStatus)
    {
        var isNew = previousSeverity is null && previousStatus is null;
        var what = isNew ? "declared" : Changes(incident, previousSeverity, previousStatus);
        var line = incident.IsRestricted
            ? $"🔒 *{incident.Key.Key}* {what} · {SeverityBadge(incident.Severity)} · {StatusName(incident.Status)} · restricted"
            : $"*{incident.Key.Key}* {what} · {SeverityBadge(incident.Severity)} · {StatusName(incident.Status)} · {ChatText.Escape(incident.Title)}";
        var blocks = new List<MessageBlock> { new TextBlock((isNew ? "🚨 " : "") + line) };
        if (!incident.IsRestricted)
        {
            var details = new List<string> { $"Source: {incident.Source.Name()}" };
            if (incident.Markets.Count > 0)
                details.Add("Markets: " + string.Join(", ", incident.Markets));
            if (incident.Languages.Count > 0)
                details.Add("Languages: " + string.Join(", ", incident.Languages));
            if (incident.Channel is { } channel)
                details.Add("Channel: " + channel.Mention);
            blocks.Add(new ContextBlock(string.Join(" · ", details)));
            if (isNew && incident.Channel is not null)
            {
                blocks.Add(new ButtonsBlock($"join:{incident.Number}",
                    [new MessageButton(JoinActionId, "Join channel", incident.Key.Key, ButtonStyle.Primary)]));
            }
        }
        var text = incident.IsRestricted
            ? $"{incident.Key.Key} {what} ({incident.Severity.Label()}, restricted)"
            : $"{incident.Key.Key} {what} ({incident.Severity.Label()}): {ChatText.Escape(incident.Title)}";
        return new ChatMessage(text, blocks);
    }

    /// <summary>
    /// Told to the declarer and the announcement channel when the platform refused the incident's
    /// channel for good. Number and severity only, no title: it goes where a restricted incident's
    /// details must not.
    /// </summary>
    public static ChatMessage ChannelRefused(Incident incident, string reason)
    {
        var key = incident.Key.Key;
        var line = $"⚠️ *{key}* ({incident.Severity.Label()}) is recorded, but I could not open its channel: the chat platform refused (`{ChatText.Escape(reason)}`).";
        var next = $"An administrator needs to check the bot's incidents channel setting; I will try again when the incident next changes, at most once an hour. Until then, name the incident in commands, e.g. `{key} status mitigated`.";
        return new ChatMessage($"{key} is recorded, but its channel could not be opened ({ChatText.Escape(reason)})", [new TextBlock(line), new ContextBlock(next)]);
    }

    /// <summary>The channel post for one change, or null for changes the channel already shows.</summary>
    public static ChatMessage? ChangePost(TimelineEvent change)
    {
        var by = change.Actor is { } actor ? $" by {actor.Mention}" : "";
        var text = change.Text is { Length: > 0 } t ? ChatText.EscapeKeepingMentions(t) : null;
        var line = change.Kind switch
        {
            TimelineKind.StatusChanged => $"*Status:* {change.From} → *{change.To}*{by}",
            TimelineKind.SeverityChanged => $"*Severity:* {change.From} → *{change.To}*{by}" + (text is null ? "" : $" — {text}"),
            TimelineKind.TrustedFlaggerReport => $"🛡️ {text}",
            TimelineKind.RoleAssigned => $"<@{change.To}> is now *{change.Text}*{(change.Actor is { } a ? $" (assigned by {a.Mention})" : "")}",
            TimelineKind.StatusUpdate => $"📣 *Status update*{by}\n{text}",
            TimelineKind.Note => $"📝 *Note*{by}: {text}",
            TimelineKind.Resolved => $"✅ *Resolved*{by}" + (text is null ? "" : $": {text}"),
            TimelineKind.Closed => $"🗄️ *Closed*{by}",
            TimelineKind.Reopened => $"↩️ *Reopened*{by}: back to investigating",
            TimelineKind.Cancelled => $"✖️ *Cancelled*{by}" + (text is null ? "" : $": {text}"),
            TimelineKind.Joined => $"👋 <@{change.To}> joined",
            TimelineKind.PageAcknowledged => $"✅ <@{change.To}> acknowledged the page" + (text is null ? "" : $" ({text})") + ActingFor(change) + " and joined",
            TimelineKind.HoldPlaced => $"⚖️ *Legal hold placed*{by}" + (text is null ? "" : $": {text}") + ". Nothing of this incident expires or is purged until it is released.",
            TimelineKind.HoldReleased => $"⚖️ *Legal hold released*{by}",
            _ => null,
        };
        return line is null ? null : ChatMessage.Plain(line);
    }

    /// <summary>" for @a, @b" when an on-call admin answered a page for the people it paged.</summary>
    private static string ActingFor(TimelineEvent change) =>
        change.From is { Length: > 0 } ids ? " for " + string.Join(", ", ids.Split(',').Select(id => new UserId(id).Mention)) : "";

    /// <summary>One line per incident, for <c>list</c>; restricted titles only for people who may see them.</summary>
    public static string ListLine(Incident incident, bool canSeeDetails)
    {
        var title = canSeeDetails ? ChatText.Escape(ChatText.Truncate(incident.Title, 80)) : "🔒 restricted";
        var channel = canSeeDetails && incident.Channel is { } c ? " " + c.Mention : "";
        return $"*{incident.Key.Key}* {SeverityBadge(incident.Severity)} · {StatusName(incident.Status)} · {title}{channel} · declared {ChatText.Time(incident.DeclaredAt)}";
    }

    private static string Changes(Incident incident, Severity? previousSeverity, IncidentStatus? previousStatus)
    {
        var parts = new List<string>();
        if (previousSeverity is { } severity && severity != incident.Severity)
            parts.Add($"severity {severity.Label()} → {incident.Severity.Label()}");
        if (previousStatus is { } status && status != incident.Status)
            parts.Add($"{StatusName(status).ToLowerInvariant()} → {StatusName(incident.Status).ToLowerInvariant()}");
        return parts.Count == 0 ? "updated" : string.Join(", ", parts);
    }
}
