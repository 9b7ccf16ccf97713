using IncidentBot.Slack.WebApi;

namespace IncidentBot.IntegrationTests.Slack.WebApi;

public sealed class SlackUsersApiTests
{
    [Fact]
    public async Task Reads_the_id_time_zone_real_name_and_bot_flag()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.AddUser(new FakeSlackUser("U0PRIYA", "Priya Raman", Tz: "Asia/Kolkata"));

        var user = await harness.Get<SlackUsersApi>().InfoAsync("U0PRIYA", harness.Token);

        Assert.Equal("U0PRIYA", user.Id);
        Assert.Equal("Asia/Kolkata", user.Tz);
        Assert.Equal("Priya Raman", user.DisplayRealName);
        Assert.False(user.IsBot);
    }

    [Fact]
    public async Task Finds_a_user_by_email()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.AddUser(new FakeSlackUser("U0ODILE", "Odile Martin", Email: "odile@example.org"));

        var user = await harness.Get<SlackUsersApi>().LookupByEmailAsync("odile@example.org", harness.Token);

        Assert.Equal("U0ODILE", user?.Id);
        Assert.Equal("odile@example.org", Assert.Single(harness.Slack.CallsTo("users.lookupByEmail")).Form["email"]);
    }

    [Fact]
    public async Task Returns_null_when_nobody_has_the_email()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        var user = await harness.Get<SlackUsersApi>().LookupByEmailAsync("nobody@example.org", harness.Token);

        Assert.Null(user);
    }
}
