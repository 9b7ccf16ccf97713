using System.Net;
using IncidentBot.Dialogs.Incidents;
using Microsoft.Data.Sqlite;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>Reports joining one incident together share one write (and the store's group commit): when it fails, each of them is refused, none stored.</summary>
public sealed class IntakeGroupFailureTests(IntakeBot bot) : IClassFixture<IntakeBot>
{
    [Fact]
    public async Task Reports_waiting_on_a_write_the_store_refuses_each_get_503_and_are_stored_when_sent_again()
    {
        var trend = "#unavailable-" + IntakeBot.NewId();
        var number = (int)(await bot.ReportAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: trend)))["incident"]!;
        var reports = Enumerable.Range(0, 12).Select(_ => IntakeBot.Report(trendKey: trend)).ToList();

        HttpStatusCode[] refused;
        // Another process holds the file's write lock: every write waits out the busy timeout and the store is unavailable.
        await using (var otherProcess = new SqliteConnection($"Data Source={bot.Bot.DatabasePath};Pooling=False"))
        {
            await otherProcess.OpenAsync();
            await using var holdsTheWriteLock = await otherProcess.BeginTransactionAsync();
            refused = await Task.WhenAll(reports.Select(async report =>
            {
                using var response = await bot.PostAsync(IncidentSource.Trending, report);
                return response.StatusCode;
            }));
        }

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        Assert.Equal(1, (int)(await bot.IncidentAsync(number))["reportCount"]!);
        var stored = await Task.WhenAll(reports.Select(report => bot.ReportAsync(IncidentSource.Trending, report)));
        Assert.All(stored, answer => Assert.Equal((number, true), ((int)answer["incident"]!, (bool)answer["merged"]!)));
        Assert.Equal(13, (int)(await bot.IncidentAsync(number))["reportCount"]!);
    }
}
