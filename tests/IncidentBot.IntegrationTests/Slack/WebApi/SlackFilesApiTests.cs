using System.Text;
using IncidentBot.Slack.WebApi;

namespace IncidentBot.IntegrationTests.Slack.WebApi;

public sealed class SlackFilesApiTests
{
    [Fact]
    public async Task Uploads_the_bytes_then_shares_the_file_in_the_channel_with_its_comment()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var content = Encoding.UTF8.GetBytes("# Post-mortem: INC-7\n\nTimeline follows.");

        var fileId = await harness.Get<SlackFilesApi>().UploadAsync(
            new SlackFileUpload("C0INCIDENT", "inc-7-postmortem.md", content) { Title = "INC-7 post-mortem", InitialComment = "Draft for review" },
            harness.Token);

        Assert.Equal(["files.getUploadURLExternal", "files.completeUploadExternal"], harness.Slack.Calls.Select(c => c.Method));
        var ask = harness.Slack.Calls[0];
        Assert.True(ask.IsForm);
        Assert.Equal("inc-7-postmortem.md", ask.Form["filename"]);
        Assert.Equal(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ask.Form["length"]);
        var upload = Assert.Single(harness.Slack.Uploads);
        Assert.Equal(fileId, upload.FileId);
        Assert.Equal(content, upload.Content);
        Assert.False(upload.Headers.ContainsKey("Authorization"));
        var complete = harness.Slack.Calls[1];
        Assert.True(complete.IsJson);
        Assert.Equal(fileId, complete.JsonArg("files")?[0]?["id"]?.GetValue<string>());
        Assert.Equal("INC-7 post-mortem", complete.JsonArg("files")?[0]?["title"]?.GetValue<string>());
        Assert.Equal("C0INCIDENT", complete.Arg("channel_id"));
        Assert.Equal("Draft for review", complete.Arg("initial_comment"));
    }
}
