using System.Text.Json.Nodes;
using IncidentBot.Slack.WebApi;

namespace IncidentBot.IntegrationTests.Slack.WebApi;

public sealed class SlackViewsApiTests
{
    [Fact]
    public async Task Opens_a_modal_with_the_trigger_id()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        var view = await harness.Get<SlackViewsApi>().OpenAsync("13345224609.738474920.8088930838d88f008e0", Modal("declare"), harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("views.open"));
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", call.Arg("trigger_id"));
        Assert.Equal("declare", call.JsonArg("view")?["callback_id"]?.GetValue<string>());
        Assert.StartsWith("V0", view.Id, StringComparison.Ordinal);
        Assert.Equal("declare", view.CallbackId);
        Assert.NotNull(view.Hash);
    }

    [Fact]
    public async Task Updates_a_view_by_id_with_its_hash()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        var view = await harness.Get<SlackViewsApi>().UpdateAsync("V0DECLARE", Modal("declare"), "1732540000.000100.fakehash", harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("views.update"));
        Assert.Equal("V0DECLARE", call.Arg("view_id"));
        Assert.Equal("1732540000.000100.fakehash", call.Arg("hash"));
        Assert.Equal("V0DECLARE", view.Id);
    }

    private static JsonObject Modal(string callbackId) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = callbackId,
        ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Declare an incident" },
        ["blocks"] = new JsonArray(),
    };
}
