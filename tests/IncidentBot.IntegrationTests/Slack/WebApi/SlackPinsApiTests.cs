using IncidentBot.Slack.WebApi;

namespace IncidentBot.IntegrationTests.Slack.WebApi;

public sealed class SlackPinsApiTests
{
    [Fact]
    public async Task Treats_pinning_an_already_pinned_message_as_success()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var pins = harness.Get<SlackPinsApi>();

        await pins.AddAsync("C0INCIDENT", "1732540000.000100", harness.Token);
        await pins.AddAsync("C0INCIDENT", "1732540000.000100", harness.Token);

        var calls = harness.Slack.CallsTo("pins.add");
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("1732540000.000100", c.Arg("timestamp")));
    }

    [Fact]
    public async Task Throws_for_other_pin_errors()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.FailNext("pins.add", "channel_not_found");

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => harness.Get<SlackPinsApi>().AddAsync("C0GONE", "1732540000.000100", harness.Token));

        Assert.Equal("channel_not_found", error.Error);
    }
}
