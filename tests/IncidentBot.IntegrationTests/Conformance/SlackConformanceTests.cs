using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.IntegrationTests.Storage.Cosmos;
using IncidentBot.Slack;
using IncidentBot.Slack.Declare;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Conformance;

/// <summary>
/// What the bot sends Slack in a session — Web API bodies, the Block Kit golden files, the
/// declare modal — passes Slack's own models: <c>@slack/types</c> (KnownBlock[], View) and
/// <c>@slack/web-api</c>'s argument types, under <c>tsc --strict</c>. One node process for all.
/// </summary>
public sealed class SlackConformanceTests : SlackBotFixture
{
    [Fact]
    public async Task Every_payload_of_a_session_passes_Slacks_own_block_view_and_argument_types()
    {
        using var payloads = ConformanceTool.NewPayloadFolder();
        var replies = new List<JsonNode>
        {
            await CommandAsync("declare sev2 सामाजिक सञ्जालमा हानिकारक चुनौती 🇳🇵 https://evil.example/a.png --market NP --lang ne"),
        };
        var pinned = await Bot.WaitForSlackAsync("pins.add");
        var channel = pinned.Arg("channel")!;
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == BotApplication.AnnouncementChannel);
        replies.Add(await CommandAsync("status mitigated", channel));
        replies.Add(await CommandAsync("update Removed 40 videos; re-uploads at https://evil.example/b.mp4", channel));
        await Bot.WaitForSlackAsync("chat.update", c => c.Arg("channel") == channel);
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == channel && c.Arg("text")!.Contains("Removed 40", StringComparison.Ordinal));
        replies.Add(await CommandAsync("help"));
        replies.Add(await CommandAsync("list"));
        replies.Add(await CommandAsync("declare"));
        await Bot.WaitForSlackAsync("views.open");

        // What goes out privately, directly and as a file, through the bot's own platform.
        var platform = Bot.Services.GetRequiredService<SlackChatPlatform>();
        var workspace = new WorkspaceId(SlackRequests.Team);
        var incident = (await Bot.Incidents.FindAsync(new WorkspaceId(SlackRequests.Team), new IncidentNumber(1), default))!.Value;
        await platform.PostPrivatelyAsync(workspace, new ChannelId(channel), new UserId(SlackRequests.User), IncidentMessages.Summary(incident, []), default);
        await platform.SendDirectAsync(workspace, new UserId(SlackRequests.User), IncidentMessages.ChannelRefused(incident, "restricted_action"), default);
        await platform.UploadFileAsync(workspace, new ChannelId(channel), new ChatFile("inc-1-postmortem.md", "INC-1 post-mortem draft", "# INC-1"u8.ToArray())
        {
            InitialComment = RichText.Text("Draft of the post-mortem"),
        }, default);

        var sent = Slack.Calls.Where(c => c.IsJson).ToList();
        for (var i = 0; i < sent.Count; i++)
            payloads.Write($"{sent[i].Method}.{i:000}.json", sent[i].Body);
        for (var i = 0; i < replies.Count; i++)
        {
            if (replies[i]["blocks"] is JsonArray blocks)
                payloads.Write($"blocks.command-reply-{i}.json", blocks.ToJsonString());
        }
        foreach (var golden in Directory.EnumerateFiles(Path.Combine(CosmosTestServer.RepositoryRoot(), "tests", "IncidentBot.Tests", "Slack", "BlockKit", "golden"), "*.json"))
            payloads.Copy(golden, "blocks.golden-" + Path.GetFileName(golden));
        payloads.Write("view.declare-prefilled.json", DeclareModal.Build(new DeclareForm
        {
            Title = new string('क', 60) + " 👨‍👩‍👧 " + new string('ि', 3) + " a very long title that the modal has to cut",
            Description = "From a message: https://evil.example/c.jpg",
            Markets = "NP, IN",
            Languages = "ne",
            IsRestricted = true,
        }).ToJsonString());
        payloads.Write("view.declared.json", DeclareModal.Declared("INC-1 declared", "You'll be invited to its channel in a moment.").ToJsonString());
        Assert.Contains(sent, c => c.Method == "chat.update");
        Assert.Contains(sent, c => c.Method == "chat.postEphemeral");
        Assert.Contains(sent, c => c.Method == "views.open");
        Assert.Contains(sent, c => c.Method == "conversations.create");

        var result = await ConformanceTool.RunAsync("slack-payloads.js", payloads.Path);

        result.AssertClean();
        Assert.Contains($"{payloads.Count} payload(s) checked", result.Output, StringComparison.Ordinal);
    }

    private async Task<JsonNode> CommandAsync(string text, string? channel = null)
    {
        var response = await Client.SendAsync(SlackRequests.Command(text, Bot.Clock, channel: channel));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }
}
