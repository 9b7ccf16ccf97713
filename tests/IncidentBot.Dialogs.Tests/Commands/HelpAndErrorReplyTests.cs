using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Queries;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using static IncidentBot.Dialogs.Tests.Commands.Parsing;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class HelpAndErrorReplyTests
{
    private static readonly CommandContext Slack = new(new WorkspaceId("T0WORKSPACE"), PlatformId.Slack, new UserId("U0ALICE"), null, "/incident");

    private static async Task<string> HelpTextAsync(string? topic)
    {
        var handler = new HelpHandler(Parser);
        var result = await handler.HandleAsync(new HelpCommand(topic), Slack, CancellationToken.None);
        return Assert.IsType<MessageReply>(result.Value).Message.Text.ToPlainText();
    }

    [Fact]
    public async Task Help_lists_the_usage_of_every_command_with_the_platforms_prefix()
    {
        var text = await HelpTextAsync(null);

        Assert.All(Parser.Syntaxes, syntax => Assert.Contains($"`/incident {syntax.Usage}`", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_on_one_command_gives_its_usage_and_summary()
    {
        Assert.Equal("`/incident sev <1-4>`\nChange the severity (1 is the most severe).", await HelpTextAsync("severity"));
    }

    [Fact]
    public async Task Help_on_an_unknown_command_says_there_is_none()
    {
        var handler = new HelpHandler(Parser);

        var result = await handler.HandleAsync(new HelpCommand("frob"), Slack, CancellationToken.None);

        Assert.Equal("There is no command `frob`. Type `/incident help` for the list.", result.Error?.Message.ToPlainText());
    }

    [Fact]
    public void An_error_reply_is_private_with_the_usage_after_the_platforms_prefix()
    {
        var reply = CommandDispatcher.ErrorReply(Fail("sev 9"), Slack);

        var message = Assert.IsType<MessageReply>(reply);
        Assert.False(message.IsPublic);
        Assert.Equal($":warning: `9` is not a severity: use {SeverityText.Choices}.\nUsage: `/incident sev <1-4>`", message.Message.Text.ToPlainText());
    }

    [Fact]
    public void An_error_without_usage_replies_with_the_message_alone()
    {
        var reply = Assert.IsType<MessageReply>(CommandDispatcher.ErrorReply(Fail("frobnicate"), Slack));

        Assert.Equal(":warning: I don't know the command `frobnicate`. Type `help` to see them all.", reply.Message.Text.ToPlainText());
    }
}
