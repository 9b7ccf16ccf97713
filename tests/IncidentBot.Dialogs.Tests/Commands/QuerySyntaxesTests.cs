using IncidentBot.Dialogs.Commands.Queries;
using IncidentBot.Dialogs.Incidents;
using static IncidentBot.Dialogs.Tests.Commands.Parsing;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class QuerySyntaxesTests
{
    [Fact]
    public void Help_alone_asks_for_all_commands()
    {
        Assert.Equal(new HelpCommand(null), Parse("help"));
    }

    [Fact]
    public void Help_with_a_command_asks_about_that_command()
    {
        Assert.Equal(new HelpCommand("sev"), Parse("help sev"));
    }

    [Theory]
    [InlineData("list", false)]
    [InlineData("list open", false)]
    [InlineData("list all", true)]
    [InlineData("list ALL", true)]
    [InlineData("ls all", true)]
    public void List_shows_open_or_all_incidents(string text, bool includeFinished)
    {
        Assert.Equal(new ListCommand(includeFinished), Parse(text));
    }

    [Theory]
    [InlineData("list closed", "closed")]
    [InlineData("list open all", "open all")]
    public void List_with_another_filter_names_it(string text, string named)
    {
        var error = Fail(text);

        Assert.Equal($"`{named}` is not a list filter: use `open` or `all`.", error.Message.ToPlainText());
        Assert.Equal("list [open|all]", error.Usage);
    }

    [Fact]
    public void Show_alone_shows_the_channels_incident()
    {
        Assert.Equal(new ShowCommand(null), Parse("show"));
    }

    [Theory]
    [InlineData("show INC-4")]
    [InlineData("show inc-4")]
    [InlineData("show 4")]
    [InlineData("show #4")]
    [InlineData("info INC-4")]
    [InlineData("INC-4 show")]
    public void Show_with_an_incident_shows_it(string text)
    {
        Assert.Equal(new ShowCommand(new IncidentNumber(4)), Parse(text));
    }

    [Fact]
    public void Show_with_something_else_says_what_incident_numbers_look_like()
    {
        var error = Fail("show payments");

        Assert.Equal("`payments` is not an incident number; they look like INC-12.", error.Message.ToPlainText());
        Assert.Equal("show [INC-n]", error.Usage);
    }

    [Fact]
    public void Show_naming_a_second_incident_says_to_name_it_once()
    {
        var error = Fail("INC-3 show INC-4");

        Assert.Equal("Name the incident once: INC-3 is already named, leave out `INC-4`.", error.Message.ToPlainText());
        Assert.Equal("show [INC-n]", error.Usage);
    }
}
