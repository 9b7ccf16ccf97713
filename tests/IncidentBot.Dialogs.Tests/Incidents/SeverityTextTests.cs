using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Tests.Incidents;

public sealed class SeverityTextTests
{
    [Theory]
    [InlineData("sev1", Severity.Sev1)]
    [InlineData("SEV2", Severity.Sev2)]
    [InlineData("Sev-3", Severity.Sev3)]
    [InlineData("s4", Severity.Sev4)]
    [InlineData("S-1", Severity.Sev1)]
    [InlineData("2", Severity.Sev2)]
    [InlineData(" sev3 ", Severity.Sev3)]
    public void Reads_severities_as_people_type_them(string text, Severity expected)
    {
        Assert.True(SeverityText.TryParse(text, out var severity));
        Assert.Equal(expected, severity);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sev0")]
    [InlineData("sev5")]
    [InlineData("sev9")]
    [InlineData("sev12")]
    [InlineData("sev 1")]
    [InlineData("high")]
    [InlineData("sev")]
    [InlineData("１")]
    public void Refuses_anything_else(string? text)
    {
        Assert.False(SeverityText.TryParse(text, out _));
    }

    [Theory]
    [InlineData("sev9", true)]
    [InlineData("SEV-12", true)]
    [InlineData("sev1", true)]
    [InlineData("sev", false)]
    [InlineData("sev-", false)]
    [InlineData("several", false)]
    [InlineData("seven", false)]
    [InlineData("s1", false)]
    public void Recognises_words_meant_as_a_severity(string text, bool expected)
    {
        Assert.Equal(expected, SeverityText.LooksLikeSeverity(text));
    }

    [Theory]
    [InlineData(Severity.Sev1, "SEV1")]
    [InlineData(Severity.Sev4, "SEV4")]
    public void Labels_are_upper_case(Severity severity, string expected)
    {
        Assert.Equal(expected, severity.Label());
    }

    [Fact]
    public void Every_label_reads_back_as_its_severity()
    {
        foreach (var severity in Enum.GetValues<Severity>())
        {
            Assert.True(SeverityText.TryParse(severity.Label(), out var read));
            Assert.Equal(severity, read);
        }
    }
}
