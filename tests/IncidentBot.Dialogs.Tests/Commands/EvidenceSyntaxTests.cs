using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using static IncidentBot.Dialogs.Tests.Commands.Parsing;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class EvidenceSyntaxTests
{
    [Theory]
    [InlineData("evidence", null)]
    [InlineData("INC-7 evidence", 7)]
    [InlineData("evidence 7", 7)]
    [InlineData("evidence INC-7", 7)]
    [InlineData("INC-7 evidence 7", 7)]
    public void Evidence_names_the_incident_before_or_after_the_verb_or_takes_the_channels(string text, int? number)
    {
        Assert.Equal(new EvidenceCommand(number is { } n ? new IncidentNumber(n) : null), Parse(text));
    }

    [Theory]
    [InlineData("evidence 7 8")]
    [InlineData("evidence please")]
    [InlineData("INC-7 evidence 8")]
    public void Evidence_with_anything_but_one_incident_answers_with_its_usage(string text)
    {
        var error = Fail(text);

        Assert.Equal("evidence [n]", error.Usage);
    }
}
