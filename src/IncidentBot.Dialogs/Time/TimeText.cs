using System.Globalization;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Time;

/// <summary>Reads the times and dates people type in commands; pure, so the parser stays free of I/O.</summary>
public static partial class TimeText
{
    public const string PastExamples = "09:40 (your time zone), 09:40 UTC, 2026-03-01 09:40, 2026-03-01T09:40+05:45 or 25m ago";

    public const string DueExamples = "2026-03-10, today, tomorrow, friday, 2026-03-10 14:00 or in 2h";

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss",
    ];

    /// <summary>A moment in the past: when an order was received.</summary>
    public static Result<TimeInput> ParsePast(string? text)
    {
        var trimmed = Normalise(text);
        if (trimmed.Length == 0)
            return new UserError("bad_time", $"Say when, e.g. {PastExamples}.");
        var ago = AgoPattern().Match(trimmed);
        if (ago.Success)
        {
            var span = DurationText.Parse(ago.Groups["span"].Value, "time ago", TimeSpan.FromMinutes(1), TimeSpan.FromDays(400));
            return span.IsSuccess ? new TimeInput { Text = trimmed, Relative = -span.Value } : span.Error;
        }
        var moment = ParseMoment(trimmed);
        return moment ?? (Result<TimeInput>)new UserError("bad_time", $"{RichText.Code(trimmed)} is not a time I can read. Write it like {PastExamples}.");
    }

    /// <summary>A due date or moment in the future.</summary>
    public static Result<DueInput> ParseDue(string? text)
    {
        var trimmed = Normalise(text);
        var lower = trimmed.ToLowerInvariant();
        if (trimmed.Length == 0)
            return new UserError("bad_date", $"Say when it is due, e.g. {DueExamples}.");
        switch (lower)
        {
            case "today":
                return new DueInput { Text = trimmed, DaysFromToday = 0 };
            case "tomorrow":
                return new DueInput { Text = trimmed, DaysFromToday = 1 };
        }
        if (Weekdays.TryGetValue(lower, out var weekday))
            return new DueInput { Text = trimmed, Weekday = weekday };
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DueInput { Text = trimmed, Date = date };
        var relative = InPattern().Match(trimmed);
        if (relative.Success)
        {
            var span = DurationText.Parse(relative.Groups["span"].Value, "time until it is due", TimeSpan.FromMinutes(1), TimeSpan.FromDays(800));
            return span.IsSuccess ? new DueInput { Text = trimmed, Moment = new TimeInput { Text = trimmed, Relative = span.Value } } : span.Error;
        }
        if (trimmed.StartsWith('-'))
            return new UserError("bad_date", $"{RichText.Code(trimmed)} is in the past; a due date lies ahead, e.g. {DueExamples}.");
        if (ParseMoment(trimmed) is { } moment)
            return new DueInput { Text = trimmed, Moment = moment };
        if (SlashDate().IsMatch(trimmed))
            return new UserError("bad_date", $"{RichText.Code(trimmed)} could be read two ways; write dates as year-month-day, e.g. 2026-03-10.");
        return new UserError("bad_date", $"{RichText.Code(trimmed)} is not a date I can read. Write it like {DueExamples}.");
    }

    /// <summary>A zone-independent way to show a resolved moment next to the person's own time.</summary>
    public static string Describe(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var utc = instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        if (zone == TimeZoneInfo.Utc || zone.Id == "UTC" || zone.Id == "Etc/UTC")
            return utc;
        var local = ZonedTime.Local(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"{local} {zone.Id} ({utc})";
    }

    private static TimeInput? ParseMoment(string trimmed)
    {
        var isUtc = false;
        var body = trimmed;
        if (body.EndsWith(" utc", StringComparison.OrdinalIgnoreCase))
        {
            isUtc = true;
            body = body[..^4].TrimEnd();
        }
        else if (body.EndsWith('Z') || body.EndsWith('z'))
        {
            isUtc = true;
            body = body[..^1];
        }

        var yesterday = false;
        if (body.StartsWith("yesterday ", StringComparison.OrdinalIgnoreCase))
        {
            yesterday = true;
            body = body["yesterday ".Length..].TrimStart();
        }
        if (TimeOnly.TryParseExact(body, ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return new TimeInput { Text = trimmed, TimeOfDay = time, IsUtc = isUtc, DaysBack = yesterday ? 1 : null };
        }
        if (yesterday)
            return null;
        if (DateTime.TryParseExact(body, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return new TimeInput { Text = trimmed, LocalDateTime = local, IsUtc = isUtc };
        if (!isUtc && OffsetPattern().IsMatch(body)
            && DateTimeOffset.TryParseExact(body, ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd HH:mmzzz"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var absolute))
        {
            return new TimeInput { Text = trimmed, Absolute = absolute };
        }
        return null;
    }

    private static string Normalise(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday,
    };

    [GeneratedRegex(@"^(?:-\s*(?<span>.+)|(?<span>.+?)\s+ago)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgoPattern();

    [GeneratedRegex(@"^(?:in\s+|\+\s*)?(?<span>\d[\d.]*\s*(?:d|day|days|h|hr|hrs|hour|hours|m|min|mins|minute|minutes)(?:\s*\d[\d.]*\s*(?:h|hr|hrs|hour|hours|m|min|mins|minute|minutes))*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InPattern();

    [GeneratedRegex(@"[+-]\d{2}:?\d{2}$")]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"^\d{1,2}[/.]\d{1,2}([/.]\d{2,4})?$")]
    private static partial Regex SlashDate();
}
