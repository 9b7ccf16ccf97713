namespace IncidentBot.Jobs;

/// <summary>What <c>/readyz</c> says about jobs: the storage, how many job servers share it, and whether this instance's is alive.</summary>
public sealed record JobServerState(JobStorageKind Storage, int Servers, bool IsThisInstanceProcessing);
