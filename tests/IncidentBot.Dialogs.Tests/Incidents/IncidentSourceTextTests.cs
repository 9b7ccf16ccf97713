using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Tests.Incidents;

public sealed class IncidentSourceTextTests
{
    [Theory]
    [InlineData("regulator", IncidentSource.Regulator)]
    [InlineData("Government", IncidentSource.Regulator)]
    [InlineData("partner", IncidentSource.Partner)]
    [InlineData("TRENDING", IncidentSource.Trending)]
    [InlineData("user-report", IncidentSource.UserReport)]
    [InlineData("userreport", IncidentSource.UserReport)]
    [InlineData("user_report", IncidentSource.UserReport)]
    [InlineData(" internal ", IncidentSource.Internal)]
    public void Reads_source_names_in_any_case(string text, IncidentSource expected)
    {
        Assert.True(IncidentSourceText.TryParse(text, out var source));
        Assert.Equal(expected, source);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("twitter")]
    [InlineData("user report")]
    public void Refuses_unknown_sources(string? text)
    {
        Assert.False(IncidentSourceText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(IncidentSource.UserReport, "user-report")]
    [InlineData(IncidentSource.Regulator, "regulator")]
    public void Names_are_the_words_people_type(IncidentSource source, string expected)
    {
        Assert.Equal(expected, source.Name());
    }

    [Fact]
    public void Every_name_reads_back_as_its_source_and_is_among_the_choices()
    {
        foreach (var source in Enum.GetValues<IncidentSource>())
        {
            Assert.True(IncidentSourceText.TryParse(source.Name(), out var read));
            Assert.Equal(source, read);
            Assert.Contains(source.Name(), IncidentSourceText.Choices, StringComparison.Ordinal);
        }
    }
}
