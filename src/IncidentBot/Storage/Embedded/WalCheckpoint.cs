namespace IncidentBot.Storage.Embedded;

/// <summary>What one checkpoint found: frames in the write-ahead log, and how many of them are now in the file.</summary>
public readonly record struct WalCheckpoint(int LogFrames, int CheckpointedFrames);
