using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Bot;

namespace IncidentBot.IntegrationTests.Timers;

/// <summary>
/// Legal holds on the whole bot: who may place one, and its ledger entry. (The purge itself is tested
/// on both stores in <c>LedgerContract</c>: moving this whole bot's clock by days did not settle
/// in the due-work runner here, which was not investigated further.)
/// </summary>
public sealed class RetentionFlowTests : IAsyncLifetime
{
    private TimersBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TimersBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<List<LedgerEntry>> LedgerAsync(int number) =>
        new LedgerStore(_bot.Bot.Documents).ReadAsync(SlackRequests.Team, new IncidentNumber(number), 0, null, CancellationToken.None).ToListAsync().AsTask();

    [Fact]
    public async Task Only_the_lead_or_an_admin_places_a_hold()
    {
        var (number, _) = await _bot.DeclareAsync("sev2 Takedown order --source regulator");
        await _bot.CommandAsync($"INC-{number} lead <@{TimersBot.Lead}|lena>");

        var refused = await _bot.ReplyTextAsync($"INC-{number} hold", user: TimersBot.Bob);
        var placed = await _bot.ReplyTextAsync($"INC-{number} hold", user: TimersBot.Lead);
        var again = await _bot.ReplyTextAsync($"INC-{number} hold", user: TimersBot.Lead);

        Assert.Contains("Only the lead", refused, StringComparison.Ordinal);
        Assert.Contains("on legal hold", placed, StringComparison.Ordinal);
        Assert.Contains("already on hold", again, StringComparison.Ordinal);
        var incident = (await _bot.Bot.Incidents.FindAsync(new WorkspaceId(SlackRequests.Team), new IncidentNumber(number), CancellationToken.None))!.Value;
        Assert.Equal(TimersBot.Lead, incident.Hold?.By.Value);
        Assert.Single(await LedgerAsync(number), e => e.Kind == "hold.placed");
    }
}
