using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Tests.Time;

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
        Assert.Contains("negative", error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("0h")]
    public void A_zero_duration_is_refused(string text)
    {
        Assert.Contains("no time at all", Parse(text).Error!.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100d")]
    [InlineData("99999999h")]
    public void An_absurd_duration_is_refused_with_the_limit(string text)
    {
        Assert.Contains("more than 90d", Parse(text).Error!.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("1x")]
    [InlineData("h")]
    public void Words_that_are_no_duration_are_refused_with_examples(string text)
    {
        Assert.Contains("30m, 1h", Parse(text).Error!.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5_400)]
    [InlineData("12h", 43_200)]
    [InlineData("7d", 604_800)]
    [InlineData("2w", 1_209_600)]
    [InlineData("1w2d", 777_600)]
    [InlineData("30m1h", 5_400)]
    [InlineData("1h1h", 7_200)]
    [InlineData("1H30M", 5_400)]
    [InlineData(" 8h ", 28_800)]
    [InlineData("100000w", 60_480_000_000)]
    public void Reads_the_lengths_of_the_on_call_file_in_any_order(string text, long seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("2 weeks", 20_160)]
    [InlineData("1 day 2 hours", 1_560)]
    [InlineData("1.5d", 2_160)]
    [InlineData("0.5h", 30)]
    [InlineData("120 seconds", 2)]
    [InlineData("1 week", 10_080)]
    public void Every_form_is_read_by_both_entry_points(string text, int minutes)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
        Assert.Equal(TimeSpan.FromMinutes(minutes), Parse(text).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("soon")]
    [InlineData("1 fortnight")]
    [InlineData("5")]
    [InlineData("h")]
    [InlineData("5ms")]
    [InlineData("-5m")]
    [InlineData("+5m")]
    [InlineData("0m")]
    [InlineData("0s0h")]
    [InlineData("1,5h")]
    [InlineData(".5h")]
    [InlineData("٣h")] // an Arabic-Indic three: digits are ASCII
    public void Text_that_is_no_positive_duration_is_not_read(string? text)
    {
        Assert.False(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Fact]
    public void Other_scripts_digits_are_refused_with_examples_not_an_exception()
    {
        Assert.Contains("is not a window", Parse("०५h").Error!.Message.ToPlainText(), StringComparison.Ordinal); // Devanagari 05
    }

    [Fact]
    public void A_length_of_seconds_is_refused_when_shorter_than_the_minimum()
    {
        Assert.Contains("shorter than 1m", Parse("30s").Error!.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_examples_of_each_use_read_as_durations()
    {
        foreach (var example in $"{DurationText.Examples}, {DurationText.ScheduleExamples}".Replace(" or ", ", ", StringComparison.Ordinal).Split(", "))
            Assert.True(DurationText.TryParse(example, out _), example);
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
