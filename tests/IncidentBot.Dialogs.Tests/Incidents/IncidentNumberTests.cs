using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Tests.Incidents;

public sealed class IncidentNumberTests
{
    [Theory]
    [InlineData("INC-12")]
    [InlineData("inc-12")]
    [InlineData("Inc-012")]
    [InlineData("12")]
    [InlineData("#12")]
    [InlineData(" INC-12 ")]
    public void Reads_incident_numbers_as_people_type_them(string text)
    {
        Assert.True(IncidentNumber.TryParse(text, out var number));
        Assert.Equal(new IncidentNumber(12), number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("INC-")]
    [InlineData("INC-0")]
    [InlineData("INC--1")]
    [InlineData("INC-+1")]
    [InlineData("INC-1.5")]
    [InlineData("INC-x")]
    [InlineData("INC-99999999999")]
    [InlineData("INC 12")]
    public void Refuses_anything_else(string? text)
    {
        Assert.False(IncidentNumber.TryParse(text, out _));
    }

    [Fact]
    public void Shows_as_its_key()
    {
        var number = new IncidentNumber(7);

        Assert.Equal(("INC-7", "INC-7", "inc-7"), (number.Key, number.ToString(), number.DocumentId));
    }

    [Theory]
    [InlineData("INC-3", true)]
    [InlineData("inc-x", true)]
    [InlineData("incident", false)]
    [InlineData("3", false)]
    public void Recognises_words_meant_as_an_incident_key(string text, bool expected)
    {
        Assert.Equal(expected, IncidentNumber.LooksLikeKey(text));
    }

    [Fact]
    public void Reads_the_number_of_an_incident_document_id()
    {
        Assert.True(IncidentNumber.TryParseDocumentId("inc-12", out var number));
        Assert.Equal(new IncidentNumber(12), number);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("INC-12")]
    [InlineData("pm-12")]
    [InlineData("inc-x")]
    public void Refuses_a_work_target_that_is_not_an_incident_document_id(string targetId)
    {
        Assert.False(IncidentNumber.TryParseDocumentId(targetId, out _));
    }
}
