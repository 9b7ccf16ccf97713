namespace IncidentBot.Storage.Embedded;

/// <summary>What one checkpoint found: frames in the write-ahead log, and how many of them are now in the file.</summary>
public readonly record struct WalCheckpoint(int LogFrames, int CheckpointedFrames)
{
    /// <summary>SQLite answered busy: a reader or the writer kept the checkpoint from finishing what its mode asks.</summary>
    public bool Busy { get; init; }

    /// <summary>The log was restarted: the next commit writes from its start (the frame counts are those before).</summary>
    public bool Restarted { get; init; }
}
