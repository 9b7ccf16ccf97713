using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Tests.Time;

/// <summary>The zones the tests need; the machine's time zone data must know them.</summary>
internal static class Zones
{
    public static TimeZoneInfo Kathmandu { get; } = Find("Asia/Kathmandu");

    public static TimeZoneInfo Berlin { get; } = Find("Europe/Berlin");

    public static TimeZoneInfo Kolkata { get; } = Find("Asia/Kolkata");

    public static TimeZoneInfo Sydney { get; } = Find("Australia/Sydney");

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static TimeZoneInfo Find(string id) =>
        ZonedTime.TryFind(id, out var zone) ? zone : throw new InvalidOperationException($"Time zone {id} is not installed (Debian: apt-get install tzdata).");
}
