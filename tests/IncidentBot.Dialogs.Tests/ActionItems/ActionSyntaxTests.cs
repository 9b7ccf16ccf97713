using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Tests.Commands;

namespace IncidentBot.Dialogs.Tests.ActionItems;

public sealed class ActionSyntaxTests
{
    [Fact]
    public void Add_reads_the_text_the_owner_and_the_due_date()
    {
        var add = Parsing.Parse<AddActionCommand>("action add Send the regulator our reply <@U0BOB|bob> due 2026-03-10");

        Assert.Equal("Send the regulator our reply", add.Text);
        Assert.Equal("U0BOB", add.Owner.Value);
        Assert.Equal("2026-03-10", add.Due!.Text);
    }

    [Fact]
    public void Mentions_inside_the_text_stay_in_the_text()
    {
        var add = Parsing.Parse<AddActionCommand>("action add Ask <@U0CAROL> about the hash list <@U0BOB>");

        Assert.Equal("Ask <@U0CAROL> about the hash list", add.Text);
        Assert.Equal("U0BOB", add.Owner.Value);
        Assert.Null(add.Due);
    }

    [Theory]
    [InlineData("action add Fix the filter", "Mention the owner")]
    [InlineData("action add Fix the filter @bob", "pick the owner from the @ list")]
    [InlineData("action add <@U0BOB>", "Say what needs doing")]
    [InlineData("action add Fix it <@U0BOB> due", "Say when it is due")]
    [InlineData("action add Fix it <@U0BOB> due 10/03", "two ways")]
    [InlineData("action add Fix it <@U0BOB> due someday", "not a date")]
    [InlineData("action done", "number of the action item")]
    [InlineData("action done x", "not the number")]
    [InlineData("action remove 1", "not an action command")]
    public void Bad_action_commands_say_what_is_wrong(string text, string expected)
    {
        Assert.Contains(expected, Parsing.Fail(text).Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("action done 3")]
    [InlineData("action done #3")]
    public void Done_takes_the_number(string text)
    {
        Assert.Equal(3, Parsing.Parse<CompleteActionCommand>(text).Sequence);
    }

    [Theory]
    [InlineData("action")]
    [InlineData("actions")]
    [InlineData("action list")]
    public void Action_alone_lists(string text)
    {
        Parsing.Parse<ListActionsCommand>(text);
    }

    [Fact]
    public void Mine_works_anywhere_and_takes_nothing()
    {
        Parsing.Parse<MineCommand>("mine");
        Assert.Contains("no arguments", Parsing.Fail("mine please").Message.ToPlainText(), StringComparison.Ordinal);
        Assert.Contains("leave out INC-3", Parsing.Fail("INC-3 mine").Message.ToPlainText(), StringComparison.Ordinal);
    }
}
