using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Commands.Lifecycle;
using IncidentBot.Dialogs.Commands.Queries;
using IncidentBot.Dialogs.Incidents;
using static IncidentBot.Dialogs.Tests.Commands.Parsing;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_asks_for_help(string text)
    {
        Assert.Equal(new HelpCommand(null), Parse(text));
    }

    [Theory]
    [InlineData("declare Outage", typeof(DeclareCommand))]
    [InlineData("new Outage", typeof(DeclareCommand))]
    [InlineData("open Outage", typeof(DeclareCommand))]
    [InlineData("help", typeof(HelpCommand))]
    [InlineData("?", typeof(HelpCommand))]
    [InlineData("list", typeof(ListCommand))]
    [InlineData("ls", typeof(ListCommand))]
    [InlineData("show", typeof(ShowCommand))]
    [InlineData("info", typeof(ShowCommand))]
    [InlineData("status mitigated", typeof(ChangeStatusCommand))]
    [InlineData("sev 1", typeof(ChangeSeverityCommand))]
    [InlineData("severity 1", typeof(ChangeSeverityCommand))]
    [InlineData("lead me", typeof(AssignRoleCommand))]
    [InlineData("comms me", typeof(AssignRoleCommand))]
    [InlineData("scribe me", typeof(AssignRoleCommand))]
    [InlineData("update Rolled back", typeof(PostUpdateCommand))]
    [InlineData("note Rolled back", typeof(AddNoteCommand))]
    [InlineData("resolve", typeof(ChangeStatusCommand))]
    [InlineData("close", typeof(ChangeStatusCommand))]
    [InlineData("reopen", typeof(ReopenCommand))]
    [InlineData("cancel", typeof(ChangeStatusCommand))]
    public void Every_verb_and_alias_parses_to_its_command(string text, Type expected)
    {
        Assert.IsType(expected, Parse(text));
    }

    [Theory]
    [InlineData("DECLARE Outage")]
    [InlineData("Declare Outage")]
    [InlineData("dEcLaRe Outage")]
    public void Verbs_are_case_insensitive(string text)
    {
        Assert.Equal("Outage", Parse<DeclareCommand>(text).Title);
    }

    [Theory]
    [InlineData("INC-3 sev 1")]
    [InlineData("inc-3 sev 1")]
    [InlineData("Inc-3 SEV 1")]
    public void An_incident_named_first_is_the_target(string text)
    {
        Assert.Equal(new ChangeSeverityCommand(new IncidentNumber(3), Severity.Sev1), Parse(text));
    }

    [Fact]
    public void A_command_without_an_incident_has_no_target()
    {
        Assert.Null(Parse<ChangeSeverityCommand>("sev 1").Target);
    }

    [Theory]
    [InlineData("INC-3")]
    [InlineData("inc-3")]
    [InlineData("  INC-3  ")]
    public void A_bare_incident_number_shows_it(string text)
    {
        Assert.Equal(new ShowCommand(new IncidentNumber(3)), Parse(text));
    }

    [Theory]
    [InlineData("INC-x sev 1", "`INC-x`")]
    [InlineData("INC-0", "`INC-0`")]
    [InlineData("INC- sev 1", "`INC-`")]
    public void A_malformed_incident_number_is_named_in_the_error(string text, string named)
    {
        var error = Fail(text);

        Assert.Equal("bad_incident", error.Code);
        Assert.Contains(named + " is not an incident number", error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INC-3 declare Outage", "declare", DeclareSyntax.UsageLine)]
    [InlineData("INC-3 list", "list", "list [open|all]")]
    [InlineData("INC-3 help", "help", "help [command]")]
    public void A_workspace_command_given_an_incident_says_to_leave_it_out(string text, string verb, string usage)
    {
        var error = Fail(text);

        Assert.Equal("bad_syntax", error.Code);
        Assert.Equal($"`{verb}` is not about one incident; leave out INC-3.", error.Message.ToPlainText());
        Assert.Equal(usage, error.Usage);
    }

    [Theory]
    [InlineData("decalre Outage", "declare")]
    [InlineData("staus mitigated", "status")]
    [InlineData("resolv", "resolve")]
    [InlineData("Updte the thing", "update")]
    [InlineData("sev9", "sev")]
    public void An_unknown_command_suggests_the_closest_one(string text, string suggestion)
    {
        var error = Fail(text);

        Assert.Equal("unknown_command", error.Code);
        Assert.Contains($"Did you mean `{suggestion}`?", error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_names_the_word_that_was_not_understood()
    {
        var error = Fail("frobnicate now");

        Assert.Equal("I don't know the command `frobnicate`. Type `help` to see them all.", error.Message.ToPlainText());
    }

    [Fact]
    public void A_quoted_first_word_is_not_taken_as_a_command()
    {
        Assert.Equal("unknown_command", Fail("\"declare\" Outage").Code);
    }

    [Fact]
    public void A_tokenizer_error_is_the_parse_error()
    {
        Assert.Equal("bad_syntax", Fail("note \"unfinished").Code);
    }

    [Fact]
    public void Two_syntaxes_claiming_the_same_word_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new CommandParser([new ListSyntax(), new ListSyntax()]));
    }

    [Fact]
    public void Syntaxes_are_listed_in_help_order()
    {
        var orders = Parser.Syntaxes.Select(s => s.HelpOrder).ToArray();

        Assert.Equal(orders.Order(), orders);
    }
}
