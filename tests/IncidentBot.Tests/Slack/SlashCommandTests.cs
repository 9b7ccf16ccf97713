using IncidentBot.Slack.Inbound;

namespace IncidentBot.Tests.Slack;

public sealed class SlashCommandTests
{
    [Fact]
    public void Reads_Slacks_encoding_with_plus_for_spaces_and_unescaped_slashes()
    {
        var command = SlashCommand.TryParse(
            "team_id=T1&user_id=U1&channel_id=C1&command=/incident&text=declare+sev1+Removal+order+%E0%A4%A8%E0%A5%87%E0%A4%AA%E0%A4%BE%E0%A4%B2"
            + "&response_url=https://hooks.slack.com/commands/T1/2/x&trigger_id=13345224609.738474920.8088930838d88f008e0", out var problem);

        Assert.Null(problem);
        Assert.NotNull(command);
        Assert.Equal("declare sev1 Removal order नेपाल", command.Text);
        Assert.Equal("/incident", command.Command);
        Assert.Equal("https://hooks.slack.com/commands/T1/2/x", command.ResponseUrl);
    }

    [Theory]
    [InlineData("user_id=U1&channel_id=C1&text=help", "team_id is missing")]
    [InlineData("team_id=T1&channel_id=C1&text=help", "user_id is missing")]
    [InlineData("team_id=T1&user_id=U1&text=help", "channel_id is missing")]
    [InlineData("", "team_id is missing")]
    [InlineData("%%%&&&===", "team_id is missing")]
    public void Names_what_is_missing(string body, string expected)
    {
        Assert.Null(SlashCommand.TryParse(body, out var problem));
        Assert.Equal(expected, problem);
    }
}
