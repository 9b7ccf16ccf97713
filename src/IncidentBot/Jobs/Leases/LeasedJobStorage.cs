using Hangfire;
using Hangfire.Logging;
using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage;

namespace IncidentBot.Jobs.Leases;

/// <summary>
/// A job storage whose distributed locks are <see cref="RedisLeases"/>; everything else is the inner
/// storage's (Hangfire.Redis.StackExchange), whose own locks outlive a killed instance by 30 s.
/// </summary>
public sealed class LeasedJobStorage : JobStorage
{
    private readonly JobStorage _inner;

    public LeasedJobStorage(JobStorage inner, RedisLeases leases)
    {
        _inner = inner;
        Leases = leases;
        JobExpirationTimeout = inner.JobExpirationTimeout;
    }

    public RedisLeases Leases { get; }

    public override bool LinearizableReads => _inner.LinearizableReads;

    public override IMonitoringApi GetMonitoringApi() => _inner.GetMonitoringApi();

    public override IStorageConnection GetConnection() => new LeasedStorageConnection((JobStorageConnection)_inner.GetConnection(), Leases);

    public override IStorageConnection GetReadOnlyConnection() => new LeasedStorageConnection((JobStorageConnection)_inner.GetReadOnlyConnection(), Leases);

#pragma warning disable CS0618, CS0672 // the inner storage still offers components (its fetched-jobs and expired-jobs watchers, its subscription)
    public override IEnumerable<IServerComponent> GetComponents() => _inner.GetComponents();
#pragma warning restore CS0618, CS0672

    public override IEnumerable<IBackgroundProcess> GetServerRequiredProcesses() => _inner.GetServerRequiredProcesses();

    public override IEnumerable<IBackgroundProcess> GetStorageWideProcesses() => _inner.GetStorageWideProcesses();

    public override IEnumerable<IStateHandler> GetStateHandlers() => _inner.GetStateHandlers().Select(h => new InnerStorageStateHandler(h, _inner));

    public override void WriteOptionsToLog(ILog logger) => _inner.WriteOptionsToLog(logger);

    public override bool HasFeature(string featureId) => _inner.HasFeature(featureId);

    public override string? ToString() => _inner.ToString();
}
