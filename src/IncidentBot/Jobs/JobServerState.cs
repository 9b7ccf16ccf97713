namespace IncidentBot.Jobs;

/// <summary>
/// What <c>/readyz</c> says about jobs: the storage, how many job servers share it, whether this instance's is alive,
/// and how much work waits for one of this instance's timers rather than a Hangfire job (not in Hangfire's counts).
/// </summary>
public sealed record JobServerState(JobStorageKind Storage, int Servers, bool IsThisInstanceProcessing, int PendingTimers);
