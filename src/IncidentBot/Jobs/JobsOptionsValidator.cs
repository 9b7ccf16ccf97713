using Microsoft.Extensions.Options;

namespace IncidentBot.Jobs;

/// <summary>Cross-field rules of <see cref="JobsOptions"/>; messages name settings, never their values (a connection string holds a password).</summary>
internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        if (options.Storage == JobStorageKind.Redis && string.IsNullOrWhiteSpace(options.Redis.ConnectionString))
            return ValidateOptionsResult.Fail("Jobs:Storage is Redis: set Jobs:Redis:ConnectionString (env Jobs__Redis__ConnectionString), e.g. 127.0.0.1:6379.");
        if (options.Storage == JobStorageKind.Redis && string.IsNullOrWhiteSpace(options.Redis.Prefix))
            return ValidateOptionsResult.Fail("Jobs:Redis:Prefix must not be empty: it keeps the bot's keys apart from anything else in the Redis.");
        if (options.Redis.LockLeaseSeconds is < 0.3 or > 60)
            return ValidateOptionsResult.Fail("Jobs:Redis:LockLeaseSeconds must be between 0.3 and 60 (default 5): a held lock is renewed every third of it.");
        if (ReconcileSchedule.CronFor(options.ReconcileIntervalSeconds) is null)
            return ValidateOptionsResult.Fail($"Jobs:ReconcileIntervalSeconds must divide a minute or an hour so that the sweep runs evenly: {ReconcileSchedule.Allowed} (default 5).");
        return ValidateOptionsResult.Success;
    }
}
