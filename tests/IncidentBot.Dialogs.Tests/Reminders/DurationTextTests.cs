using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Tests.Reminders;

public sealed class DurationTextTests
{
    private static Result<TimeSpan> Parse(string text) => DurationText.Parse(text, "window", TimeSpan.FromMinutes(1), TimeSpan.FromDays(90));

    [Theory]
    [InlineData("45m", 45)]
    [InlineData("1h", 60)]
    [InlineData("1h30m", 90)]
    [InlineData("1h 30m", 90)]
    [InlineData("24h", 1440)]
    [InlineData("7d", 10080)]
    [InlineData("2 hours", 120)]
    [InlineData("90min", 90)]
    [InlineData("1.5h", 90)]
    public void Reads_durations_as_people_type_them(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), Parse(text).Value);
    }

    [Fact]
    public void A_negative_duration_is_refused_as_negative()
    {
        var error = Parse("-1h").Error!;

        Assert.Equal("bad_duration", error.Code);
        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("0h")]
    public void A_zero_duration_is_refused(string text)
    {
        Assert.Contains("no time at all", Parse(text).Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100d")]
    [InlineData("99999999h")]
    public void An_absurd_duration_is_refused_with_the_limit(string text)
    {
        Assert.Contains("more than 90d", Parse(text).Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("1x")]
    [InlineData("h")]
    public void Words_that_are_no_duration_are_refused_with_examples(string text)
    {
        Assert.Contains("30m, 1h", Parse(text).Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(90, "1h30m")]
    [InlineData(1440, "1d")]
    [InlineData(15, "15m")]
    public void Formats_back_to_the_short_form(int minutes, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMinutes(minutes)));
    }
}
