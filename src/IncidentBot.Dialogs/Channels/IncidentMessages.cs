using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using static IncidentBot.Dialogs.Platform.RichText;

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
            new HeaderBlock(Text(ChatText.Truncate($"{incident.Key.Key} · {incident.Title}", 150))),
            new FieldsBlock(SummaryFields(incident)),
        };
        if (!string.IsNullOrWhiteSpace(incident.Description))
            blocks.Add(new TextBlock(WithMentions(ChatText.Truncate(incident.Description, 2900))));
        if (incident.ResolutionSummary is { Length: > 0 } summary)
            blocks.Add(new TextBlock(Of($"{Bold("Resolution:")} {WithMentions(ChatText.Truncate(summary, 2800))}")));
        blocks.AddRange(extra);
        var restricted = incident.IsRestricted ? "🔒 Restricted: keep details in this channel. " : "";
        var origin = incident.OriginMessageLink is { } link ? Of($"Declared from {Link(link, "this message")}. ") : Empty;
        blocks.Add(new ContextBlock(Of($"{restricted}{origin}Updated {LocalTime(incident.UpdatedAt)}")));
        return new ChatMessage(Of($"{incident.Key.Key} {incident.Severity.Label()} {StatusName(incident.Status)}: {incident.Title}"), blocks);
    }

    public static IReadOnlyList<MessageField> SummaryFields(Incident incident)
    {
        var fields = new List<MessageField>
        {
            Field("Severity", SeverityBadge(incident.Severity)),
            Field("Status", StatusName(incident.Status)),
            Field("Source", incident.Source.Name()),
            Field("Reporter", Mention(incident.Reporter)),
        };
        if (incident.Markets.Count > 0)
            fields.Add(Field("Markets", string.Join(", ", incident.Markets.Select(MarketCodes.Describe))));
        if (incident.Languages.Count > 0)
            fields.Add(Field("Languages", string.Join(", ", incident.Languages.Select(LanguageCodes.Describe))));
        fields.Add(Field("Lead", incident.Roles.Lead is { } lead ? Mention(lead) : Italic("unassigned")));
        if (incident.Roles.Comms is { } comms)
            fields.Add(Field("Comms", Mention(comms)));
        if (incident.Roles.Scribe is { } scribe)
            fields.Add(Field("Scribe", Mention(scribe)));
        fields.Add(Field("Declared", LocalTime(incident.DeclaredAt)));
        if (incident.AcknowledgedAt is { } acknowledged)
            fields.Add(Field("Acknowledged", LocalTime(acknowledged)));
        if (incident.MitigatedAt is { } mitigated)
            fields.Add(Field("Mitigated", LocalTime(mitigated)));
        if (incident.ResolvedAt is { } resolved)
            fields.Add(Field("Resolved", LocalTime(resolved)));
        if (incident.ClosedAt is { } closed)
            fields.Add(Field("Closed", LocalTime(closed)));
        if (incident.CancelledAt is { } cancelled)
            fields.Add(Field("Cancelled", LocalTime(cancelled)));
        return fields;
    }

    private static MessageField Field(string label, string value) => new(Text(label), Text(value));

    private static MessageField Field(string label, RichText value) => new(Text(label), value);

    /// <summary>
    /// The announcement-channel message. A restricted incident shows its number, severity and
    /// status only: no title, markets or channel, and no button to join.
    /// </summary>
    public static ChatMessage Announcement(Incident incident, Severity? previousSeverity, IncidentStatus? previousStatus)
    {
        var isNew = previousSeverity is null && previousStatus is null;
        var what = isNew ? "declared" : Changes(incident, previousSeverity, previousStatus);
        var line = incident.IsRestricted
            ? Of($"🔒 {Bold(incident.Key.Key)} {what} · {SeverityBadge(incident.Severity)} · {StatusName(incident.Status)} · restricted")
            : Of($"{Bold(incident.Key.Key)} {what} · {SeverityBadge(incident.Severity)} · {StatusName(incident.Status)} · {incident.Title}");
        var blocks = new List<MessageBlock> { new TextBlock(Of($"{(isNew ? "🚨 " : "")}{line}")) };
        if (!incident.IsRestricted)
        {
            var details = new List<RichText> { Of($"Source: {incident.Source.Name()}") };
            if (incident.Markets.Count > 0)
                details.Add(Of($"Markets: {string.Join(", ", incident.Markets)}"));
            if (incident.Languages.Count > 0)
                details.Add(Of($"Languages: {string.Join(", ", incident.Languages)}"));
            if (incident.Channel is { } channel)
                details.Add(Of($"Channel: {Channel(channel)}"));
            blocks.Add(new ContextBlock(Join(Text(" · "), details)));
            if (isNew && incident.Channel is not null)
            {
                blocks.Add(new ButtonsBlock($"join:{incident.Number}",
                    [new MessageButton(JoinActionId, "Join channel", incident.Key.Key, ButtonStyle.Primary)]));
            }
        }
        var text = incident.IsRestricted
            ? Of($"{incident.Key.Key} {what} ({incident.Severity.Label()}, restricted)")
            : Of($"{incident.Key.Key} {what} ({incident.Severity.Label()}): {incident.Title}");
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
        var line = Of($"⚠️ {Bold(key)} ({incident.Severity.Label()}) is recorded, but I could not open its channel: the chat platform refused ({Code(reason)}).");
        var next = Of($"An administrator needs to check the bot's incidents channel setting; I will try again when the incident next changes, at most once an hour. Until then, name the incident in commands, e.g. {Code($"{key} status mitigated")}.");
        return new ChatMessage(Of($"{key} is recorded, but its channel could not be opened ({reason})"), [new TextBlock(line), new ContextBlock(next)]);
    }

    /// <summary>The channel post for one change, or null for changes the channel already shows.</summary>
    public static ChatMessage? ChangePost(TimelineEvent change)
    {
        var by = change.Actor is { } actor ? Of($" by {Mention(actor)}") : Empty;
        var text = change.Text is { Length: > 0 } t ? WithMentions(t) : null;
        // A role or a page names its person by id as stored, mentioned as is (an intake is never assigned or paged).
        var to = change.To is { } id ? From([new MentionRun(new UserId(id))]) : Empty;
        var line = change.Kind switch
        {
            TimelineKind.StatusChanged => Of($"{Bold("Status:")} {change.From} → {Bold(change.To ?? "")}{by}"),
            TimelineKind.SeverityChanged => Of($"{Bold("Severity:")} {change.From} → {Bold(change.To ?? "")}{by}{(text is null ? Empty : Of($" — {text}"))}"),
            TimelineKind.TrustedFlaggerReport => Of($"🛡️ {text}"),
            TimelineKind.RoleAssigned => Of($"{to} is now {Bold(change.Text ?? "")}{(change.Actor is { } a ? Of($" (assigned by {Mention(a)})") : Empty)}"),
            TimelineKind.StatusUpdate => Of($"📣 {Bold("Status update")}{by}\n{text}"),
            TimelineKind.Note => Of($"📝 {Bold("Note")}{by}: {text}"),
            TimelineKind.Resolved => Of($"✅ {Bold("Resolved")}{by}{(text is null ? Empty : Of($": {text}"))}"),
            TimelineKind.Closed => Of($"🗄️ {Bold("Closed")}{by}"),
            TimelineKind.Reopened => Of($"↩️ {Bold("Reopened")}{by}: back to investigating"),
            TimelineKind.Cancelled => Of($"✖️ {Bold("Cancelled")}{by}{(text is null ? Empty : Of($": {text}"))}"),
            TimelineKind.Joined => Of($"👋 {to} joined"),
            TimelineKind.PageAcknowledged => Of($"✅ {to} acknowledged the page{(text is null ? Empty : Of($" ({text})"))}{ActingFor(change)} and joined"),
            TimelineKind.HoldPlaced => Of($"⚖️ {Bold("Legal hold placed")}{by}{(text is null ? Empty : Of($": {text}"))}. Nothing of this incident expires or is purged until it is released."),
            TimelineKind.HoldReleased => Of($"⚖️ {Bold("Legal hold released")}{by}"),
            _ => null,
        };
        return line is null ? null : ChatMessage.Plain(line);
    }

    /// <summary>" for @a, @b" when an on-call admin answered a page for the people it paged.</summary>
    private static RichText ActingFor(TimelineEvent change) =>
        change.From is { Length: > 0 } ids ? Of($" for {Join(Text(", "), ids.Split(',').Select(id => Mention(new UserId(id))))}") : Empty;

    /// <summary>One line per incident, for <c>list</c>; restricted titles only for people who may see them.</summary>
    public static RichText ListLine(Incident incident, bool canSeeDetails)
    {
        var title = canSeeDetails ? ChatText.Truncate(incident.Title, 80) : "🔒 restricted";
        var channel = canSeeDetails && incident.Channel is { } c ? Of($" {Channel(c)}") : Empty;
        return Of($"{Bold(incident.Key.Key)} {SeverityBadge(incident.Severity)} · {StatusName(incident.Status)} · {title}{channel} · declared {LocalTime(incident.DeclaredAt)}");
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
