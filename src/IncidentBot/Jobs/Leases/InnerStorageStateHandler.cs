using Hangfire;
using Hangfire.States;
using Hangfire.Storage;

namespace IncidentBot.Jobs.Leases;

/// <summary>
/// One of the inner storage's state handlers, shown its own storage: the package's succeeded and
/// deleted handlers trim their lists only when <c>context.Storage is RedisStorage</c>, so behind the
/// wrapper those lists would grow without end.
/// </summary>
internal sealed class InnerStorageStateHandler(IStateHandler inner, JobStorage innerStorage) : IStateHandler
{
    public string StateName => inner.StateName;

    public void Apply(ApplyStateContext context, IWriteOnlyTransaction transaction) => inner.Apply(OnInner(context), transaction);

    public void Unapply(ApplyStateContext context, IWriteOnlyTransaction transaction) => inner.Unapply(OnInner(context), transaction);

    // The public constructor leaves out the profiler, state machine and custom data, which the
    // package's handlers do not read (they read the job id and the storage's list sizes).
    private ApplyStateContext OnInner(ApplyStateContext context) =>
        new(innerStorage, context.Connection, context.Transaction, context.BackgroundJob, context.NewState, context.OldStateName)
        {
            JobExpirationTimeout = context.JobExpirationTimeout,
        };
}
