using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Intake;

/// <summary>What a report does to an incident, as pure functions: the incident it opens, and a report joining one.</summary>
public static class IntakeLifecycle
{
    public const int MaxTitleLength = 120;

    public const int MaxDescriptionLength = 1000;

    /// <summary>The report's title, or its text's first line, or for an order its authority and reference.</summary>
    public static string TitleOf(IntakeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!string.IsNullOrWhiteSpace(report.Title))
            return TextCut.Shorten(Collapse(report.Title.AsSpan()), MaxTitleLength);
        if (FirstLine(report.Text) is { Length: > 0 } firstLine)
            return TextCut.Shorten(Collapse(firstLine), MaxTitleLength);
        return report.Order is { } order
            ? TextCut.Shorten($"Order {order.Reference ?? ""} from {order.Authority ?? "a regulator"}".Replace("  ", " ", StringComparison.Ordinal), MaxTitleLength)
            : $"{report.Source.Name()} report {report.ExternalId}";
    }

    /// <summary>The text's first line with anything but white space, trimmed; empty when there is none. Read in place: a report's text can be long.</summary>
    private static ReadOnlySpan<char> FirstLine(string? text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf('\n');
            var line = (end < 0 ? rest : rest[..end]).Trim();
            if (!line.IsEmpty)
                return line;
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return [];
    }

    /// <summary>The incident a report opens, before it has a number.</summary>
    public static Incident Open(WorkspaceId workspace, PlatformId platform, StoredReport report, Incidents.Severity severity, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new Incident
        {
            WorkspaceId = workspace.Value,
            Platform = platform,
            Number = 0,
            Title = report.Title,
            Description = report.Text is { Length: > 0 } text ? TextCut.Shorten(text.Trim(), MaxDescriptionLength) : null,
            Severity = severity,
            Status = IncidentStatus.Declared,
            Source = SourceOf(report),
            Markets = report.Market is { } market ? [market] : [],
            Languages = report.Language is { } language ? [language] : [],
            Reporter = UserId.ForIntake(report.Source),
            DeclaredAt = at,
            ReportCount = 1,
            FirstReportAt = report.ReceivedAt,
            LastReportAt = report.ReceivedAt,
            ReportSources = [report.Source],
            Order = report.Order,
        };
    }

    /// <summary>
    /// A report joins an open incident: one more report, first and last seen, markets, languages and
    /// sources united. A trusted flagger's report raises it to <paramref name="floor"/> if it is lower
    /// (a severity change, which pages and re-plans like any) and is announced in the channel; other
    /// reports are left to the digest.
    /// </summary>
    public static Result<Transition> Join(Incident incident, StoredReport report, bool isTrusted, Incidents.Severity floor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(report);
        if (!incident.IsOpen)
            return new UserError("not_open", $"{incident.Key.Key} is {IncidentLifecycle.Name(incident.Status)}; the report opens a new incident.");
        var raises = isTrusted && incident.Severity > floor;
        var next = incident with
        {
            ReportCount = incident.ReportCount + 1,
            FirstReportAt = incident.FirstReportAt is { } first && first < report.ReceivedAt ? first : report.ReceivedAt,
            LastReportAt = incident.LastReportAt is { } last && last > report.ReceivedAt ? last : report.ReceivedAt,
            Markets = Union(incident.Markets, report.Market),
            Languages = Union(incident.Languages, report.Language),
            ReportSources = Union(incident.ReportSources, report.Source),
            Severity = raises ? floor : incident.Severity,
            Version = incident.Version + 1,
            UpdatedAt = at,
        };
        var kind = raises ? TimelineKind.SeverityChanged : isTrusted ? TimelineKind.TrustedFlaggerReport : TimelineKind.ReportReceived;
        if (kind != TimelineKind.ReportReceived)
            next = next with { LastNonReportVersion = next.Version };
        var text = isTrusted
            ? $"Trusted flagger report{(report.Reporter?.Organisation is { Length: > 0 } org ? $" from {org}" : "")}: {report.Title}"
            : $"{report.Source} report: {report.Title}";
        var change = new TimelineEvent
        {
            Id = TimelineEvent.IdFor(next.Number, next.Version),
            WorkspaceId = next.WorkspaceId,
            IncidentNumber = next.Number,
            At = at,
            Kind = kind,
            Version = next.Version,
            Text = TextCut.Shorten(text, 300),
            From = raises ? incident.Severity.Label() : null,
            To = raises ? floor.Label() : report.Id,
        };
        return new Transition(next, change);
    }

    public static IncidentSource SourceOf(StoredReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return IncidentSourceText.TryParse(report.Source, out var source) ? source : IncidentSource.Internal;
    }

    private static IReadOnlyList<string> Union(IReadOnlyList<string> existing, string? added) =>
        added is null || existing.Contains(added, StringComparer.Ordinal) ? existing : [.. existing, added];

    /// <summary>The text trimmed, each run of white space inside it one space.</summary>
    private static string Collapse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        Span<char> collapsed = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        var inSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inSpace = true;
                continue;
            }
            if (inSpace)
                collapsed[length++] = ' ';
            inSpace = false;
            collapsed[length++] = c;
        }
        return new string(collapsed[..length]);
    }
}
