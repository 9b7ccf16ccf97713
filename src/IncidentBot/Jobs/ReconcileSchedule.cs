namespace IncidentBot.Jobs;

/// <summary>
/// The cron expression of the reconciler's sweep. A cron step repeats within its minute or hour, so only an interval
/// that divides a minute (in seconds) or an hour (in whole minutes), or one hour itself, fires evenly: 7 s would fire at
/// :56 and again at :00, and 90 s would fire every minute.
/// </summary>
internal static class ReconcileSchedule
{
    /// <summary>The sweep's cron (with a seconds field below a minute), or null for an interval a cron cannot keep exactly.</summary>
    public static string? CronFor(int seconds) => seconds switch
    {
        > 0 and < 60 when 60 % seconds == 0 => $"*/{seconds} * * * * *",
        3600 => "0 * * * *",
        > 0 and < 3600 when seconds % 60 == 0 && 60 % (seconds / 60) == 0 => $"*/{seconds / 60} * * * *",
        _ => null,
    };

    /// <summary>The intervals <see cref="CronFor"/> keeps, for the message that refuses any other.</summary>
    public static string Allowed => string.Join(", ", Enumerable.Range(1, 3600).Where(seconds => CronFor(seconds) is not null)) + " seconds";
}
