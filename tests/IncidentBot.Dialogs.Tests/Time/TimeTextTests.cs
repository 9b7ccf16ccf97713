using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Tests.Time;

public sealed class TimeTextTests
{
    private static readonly DateTimeOffset Now = Zones.Utc(2026, 3, 2, 10, 0); // Monday; 11:00 in Berlin, 15:45 in Kathmandu

    private static DateTimeOffset Past(string text, TimeZoneInfo zone) => TimeText.ParsePast(text).Value.ResolvePast(Now, zone);

    [Fact]
    public void A_time_of_day_is_today_in_the_persons_zone()
    {
        Assert.Equal(Zones.Utc(2026, 3, 2, 8, 15), Past("14:00", Zones.Kathmandu));
    }

    [Fact]
    public void A_time_of_day_later_than_now_is_yesterday()
    {
        Assert.Equal(Zones.Utc(2026, 3, 1, 22, 50), Past("23:50", Zones.Berlin));
    }

    [Fact]
    public void Utc_times_ignore_the_persons_zone()
    {
        Assert.Equal(Zones.Utc(2026, 3, 2, 9, 40), Past("09:40 UTC", Zones.Kathmandu));
        Assert.Equal(Zones.Utc(2026, 3, 2, 9, 40), Past("09:40Z", Zones.Kathmandu));
    }

    [Fact]
    public void A_time_with_an_offset_is_that_instant()
    {
        Assert.Equal(Zones.Utc(2026, 3, 2, 3, 55), Past("2026-03-02T09:40+05:45", Zones.Berlin));
    }

    [Fact]
    public void A_date_and_time_is_in_the_persons_zone()
    {
        Assert.Equal(Zones.Utc(2026, 3, 2, 4, 10), Past("2026-03-02 09:40", Zones.Kolkata));
    }

    [Theory]
    [InlineData("25m ago")]
    [InlineData("-25m")]
    public void Relative_times_count_back_from_now(string text)
    {
        Assert.Equal(Now.AddMinutes(-25), Past(text, Zones.Berlin));
    }

    [Fact]
    public void Yesterday_with_a_time_is_yesterday()
    {
        Assert.Equal(Zones.Utc(2026, 3, 1, 8, 0), Past("yesterday 09:00", Zones.Berlin));
    }

    [Theory]
    [InlineData("noonish")]
    [InlineData("25:00")]
    [InlineData("2026-13-01 09:00")]
    public void Unreadable_times_are_refused_with_examples(string text)
    {
        var error = TimeText.ParsePast(text).Error!;

        Assert.Equal("bad_time", error.Code);
        Assert.Contains("25m ago", error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Due_words_resolve_to_days_in_the_persons_zone()
    {
        Assert.Equal(new DateOnly(2026, 3, 2), TimeText.ParseDue("today").Value.ResolveDate(Now, Zones.Berlin));
        Assert.Equal(new DateOnly(2026, 3, 3), TimeText.ParseDue("tomorrow").Value.ResolveDate(Now, Zones.Berlin));
        Assert.Equal(new DateOnly(2026, 3, 6), TimeText.ParseDue("friday").Value.ResolveDate(Now, Zones.Berlin));
        Assert.Equal(new DateOnly(2026, 3, 9), TimeText.ParseDue("monday").Value.ResolveDate(Now, Zones.Berlin));
        Assert.Equal(new DateOnly(2026, 3, 10), TimeText.ParseDue("2026-03-10").Value.ResolveDate(Now, Zones.Berlin));
    }

    [Fact]
    public void A_relative_due_is_a_moment()
    {
        var due = TimeText.ParseDue("in 2h").Value;

        Assert.Null(due.ResolveDate(Now, Zones.Berlin));
        Assert.Equal(Now.AddHours(2), due.ResolveMoment(Now, Zones.Berlin));
    }

    [Fact]
    public void A_date_with_slashes_is_refused_as_ambiguous()
    {
        Assert.Contains("two ways", TimeText.ParseDue("03/04").Error!.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_due_is_refused_as_past()
    {
        Assert.Contains("in the past", TimeText.ParseDue("-2d").Error!.Message.ToPlainText(), StringComparison.Ordinal);
    }
}
