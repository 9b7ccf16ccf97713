using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>The declare-to-channel flow end to end: signed slash command in, Slack Web API calls out.</summary>
public sealed class SlackFlowTests : SlackBotFixture
{
    [Fact]
    public async Task Declaring_records_the_incident_and_opens_a_pinned_channel_with_the_reporter()
    {
        var response = await Client.SendAsync(SlackRequests.Command(
            "declare sev1 Removal order from regulator --source regulator --market NP --lang ne", Bot.Clock));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", (string?)reply["response_type"]);
        Assert.Contains("INC-1", (string?)reply["text"], StringComparison.Ordinal);

        var stored = await Bot.Incidents.FindAsync(new WorkspaceId(SlackRequests.Team), new IncidentNumber(1), default);
        Assert.NotNull(stored);
        Assert.Equal(Severity.Sev1, stored.Value.Severity);
        Assert.Equal(IncidentSource.Regulator, stored.Value.Source);
        Assert.Equal(["NP"], stored.Value.Markets);
        Assert.Equal(["ne"], stored.Value.Languages);

        var created = await Bot.WaitForSlackAsync("conversations.create");
        Assert.Equal("inc-1-removal-order-from-regulator", created.Arg("name"));
        var invite = await Bot.WaitForSlackAsync("conversations.invite");
        Assert.Contains(SlackRequests.User, invite.Arg("users"), StringComparison.Ordinal);
        await Bot.WaitForSlackAsync("pins.add");
        var announcement = await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == BotApplication.AnnouncementChannel);
        Assert.Contains("INC-1", announcement.Arg("text"), StringComparison.Ordinal);
    }
}
