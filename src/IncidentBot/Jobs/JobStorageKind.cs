namespace IncidentBot.Jobs;

/// <summary>Where Hangfire keeps its jobs (<c>Jobs:Storage</c>).</summary>
public enum JobStorageKind
{
    /// <summary>In this process: one instance; the reconciler re-creates jobs from the store after a restart.</summary>
    InMemory,

    /// <summary>Shared by every instance: each job runs once, and job locks hold across instances.</summary>
    Redis,
}
