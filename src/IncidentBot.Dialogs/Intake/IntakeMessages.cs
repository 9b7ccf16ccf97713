using System.Globalization;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Intake;

/// <summary>What the intake says in chat: the digest of new reports, the answer to a partner's message, the summary's lines.</summary>
public static class IntakeMessages
{
    public const string RaiseSeverityActionId = "intake.raise-severity";

    /// <summary>The partner's message gets this reaction (🧾) once it is recorded.</summary>
    public const string ReceiptEmoji = "receipt";

    /// <summary>
    /// "+37 reports in the last minute, 412 in all, 3 new markets (NP, IN, BD)", with a button that
    /// proposes one step more severe to the lead when the rate called for it. Null when nothing is
    /// new since the last digest.
    /// </summary>
    public static ChatMessage? Digest(Incident incident, IntakeDigest posted, DigestClaim claim, int proposalRate)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(claim);
        var added = claim.ReportCount - posted.PostedReportCount;
        var newMarkets = claim.Markets.Except(posted.PostedMarkets, StringComparer.Ordinal).ToArray();
        var newLanguages = claim.Languages.Except(posted.PostedLanguages, StringComparer.Ordinal).ToArray();
        if (added <= 0 && newMarkets.Length == 0 && newLanguages.Length == 0 && claim.Proposes is null)
            return null;
        var since = claim.At - (posted.LastPostedAt ?? incident.DeclaredAt);
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"+{added} {Plural(added, "report")} {Period(since)}"),
            string.Create(CultureInfo.InvariantCulture, $"{claim.ReportCount} in all"),
        };
        if (newMarkets.Length > 0)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{newMarkets.Length} new {Plural(newMarkets.Length, "market")} ({string.Join(", ", newMarkets)})"));
        if (newLanguages.Length > 0)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{newLanguages.Length} new {Plural(newLanguages.Length, "language")} ({string.Join(", ", newLanguages)})"));
        var line = RichText.Of($"📈 {RichText.Bold(incident.Key.Key)}: {string.Join(", ", parts)}");
        var blocks = new List<MessageBlock> { new TextBlock(line) };
        if (claim.Proposes is { } target)
        {
            var who = incident.Roles.Lead is { } lead ? RichText.Mention(lead) : RichText.Text("Lead (nobody leads yet)");
            var rate = Rate(added, since);
            blocks.Add(new TextBlock(RichText.Of(
                $"⚠️ {rate} reports a minute is above the {proposalRate} a minute the policy watches for. {who}: raise {incident.Key.Key} from {incident.Severity.Label()} to {target.Label()}? Nothing changes unless you do.")));
            blocks.Add(new ButtonsBlock($"intake-raise:{incident.Number}",
                [new MessageButton(RaiseSeverityActionId, $"Raise to {target.Label()}", RaiseValue(incident.Key, target), ButtonStyle.Danger)]));
        }
        return new ChatMessage(RichText.Of($"{incident.Key.Key}: {string.Join(", ", parts)}"), blocks);
    }

    /// <summary>The thread reply to a partner's message: which incident it joined or opened.</summary>
    public static ChatMessage Receipt(Incident incident, StoredReport report)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(report);
        var what = report.IsMerged ? "joined" : "opened";
        var title = incident.IsRestricted ? "🔒 restricted" : ChatText.Truncate(incident.Title, 120);
        var channel = !incident.IsRestricted && incident.Channel is { } c ? RichText.Of($" · {RichText.Channel(c)}") : RichText.Empty;
        var line = RichText.Of($"🧾 Recorded as a {report.Source} report: it {what} {RichText.Bold(incident.Key.Key)} ({IncidentMessages.SeverityBadge(incident.Severity)}) {title}{channel}");
        return new ChatMessage(RichText.Of($"Recorded: it {what} {incident.Key.Key}"), [new TextBlock(line)]);
    }

    /// <summary>The summary's lines about reports and the order, when the incident has any.</summary>
    public static IReadOnlyList<MessageBlock> SummarySection(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var blocks = new List<MessageBlock>();
        if (incident.ReportCount > 0)
        {
            var fields = new List<MessageField>
            {
                Field("Reports", RichText.Of($"{incident.ReportCount} ({string.Join(", ", incident.ReportSources)})")),
            };
            if (incident.FirstReportAt is { } first)
                fields.Add(Field("First report", RichText.LocalTime(first)));
            if (incident.LastReportAt is { } last && incident.ReportCount > 1)
                fields.Add(Field("Last report", RichText.LocalTime(last)));
            blocks.Add(new FieldsBlock(fields));
        }
        if (incident.Order is { } order)
        {
            var fields = new List<MessageField>();
            if (order.Authority is { Length: > 0 } authority)
                fields.Add(Field("Authority", RichText.Text(authority)));
            if (order.Reference is { Length: > 0 } reference)
                fields.Add(Field("Order", RichText.Text(reference)));
            if (order.Regime is { Length: > 0 } regime)
                fields.Add(Field("Regime", RichText.Text(regime)));
            if (order.LegalBasis is { Length: > 0 } basis)
                fields.Add(Field("Legal basis", RichText.Text(ChatText.Truncate(basis, 200))));
            if (order.ReceivedAt is { } received)
                fields.Add(Field("Received", RichText.LocalTime(received)));
            if (order.Deadline is { } deadline)
                fields.Add(Field("Order deadline", RichText.LocalTime(deadline)));
            if (fields.Count > 0)
                blocks.Add(new FieldsBlock(fields));
        }
        return blocks;
    }

    private static MessageField Field(string label, RichText value) => new(RichText.Text(label), value);

    public static string RaiseValue(IncidentNumber number, Severity target) =>
        string.Create(CultureInfo.InvariantCulture, $"{number.Value}:{target.Label().ToLowerInvariant()}");

    public static bool TryParseRaiseValue(string value, out IncidentNumber number, out Severity target)
    {
        number = default;
        target = default;
        var parts = value.Split(':');
        return parts.Length == 2 && IncidentNumber.TryParse(parts[0], out number) && SeverityText.TryParse(parts[1], out target);
    }

    /// <summary>Reports a minute over the period, rounded.</summary>
    public static int Rate(int reports, TimeSpan period) =>
        (int)Math.Round(reports / Math.Max(1.0, period.TotalMinutes), MidpointRounding.AwayFromZero);

    private static string Period(TimeSpan since) =>
        since <= TimeSpan.FromSeconds(90) ? "in the last minute" : $"in the last {ChatText.Duration(since)}";

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}
