using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;

namespace IncidentBot.Dialogs.Tests.Intake;

/// <summary>A report without a title is named by the first line of its text that has any, its white space collapsed.</summary>
public sealed class IntakeTitleTests
{
    [Theory]
    [InlineData("Dangerous stunt challenge", "Dangerous stunt challenge")]
    [InlineData("\n\r\n   \n  Videos of the   #ghatroad\tchallenge  \nsecond line", "Videos of the #ghatroad challenge")]
    [InlineData("नेपालको   बाढी चुनौती\r\nदोस्रो", "नेपालको बाढी चुनौती")]
    [InlineData("one line, no newline", "one line, no newline")]
    public void The_first_line_with_text_names_the_report(string text, string expected) =>
        Assert.Equal(expected, IntakeLifecycle.TitleOf(Report(text: text)));

    [Fact]
    public void A_given_title_is_collapsed_the_same_way() =>
        Assert.Equal("Order 17 from MeitY", IntakeLifecycle.TitleOf(Report(title: "  Order\t17 \n from   MeitY ", text: "body")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t\r\n ")]
    public void Text_with_no_line_of_its_own_falls_back_to_the_source_and_id(string? text) =>
        Assert.Equal("trending report det-9", IntakeLifecycle.TitleOf(Report(text: text)));

    [Fact]
    public void A_long_first_line_is_shortened()
    {
        var title = IntakeLifecycle.TitleOf(Report(text: string.Join(' ', Enumerable.Repeat("challenge", 200))));

        Assert.True(title.Length <= IntakeLifecycle.MaxTitleLength, title);
        Assert.StartsWith("challenge challenge", title, StringComparison.Ordinal);
    }

    private static IntakeReport Report(string? text = null, string? title = null) => new()
    {
        Source = IncidentSource.Trending,
        ExternalId = "det-9",
        ReceivedAt = DateTimeOffset.UnixEpoch,
        Text = text,
        Title = title,
    };
}
