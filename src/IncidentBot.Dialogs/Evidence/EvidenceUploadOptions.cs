namespace IncidentBot.Dialogs.Evidence;

/// <summary>Evidence packages uploaded in chat (Slack), where a platform takes files from a bot.</summary>
public sealed record EvidenceUploadOptions
{
    public const long DefaultMaxChatUploadBytes = 50L * 1024 * 1024;

    public static EvidenceUploadOptions Default { get; } = new();

    /// <summary>The largest package sent in chat; a larger one is refused with a pointer to the evidence API. Default 50 MiB.</summary>
    public long MaxChatUploadBytes { get; init; } = DefaultMaxChatUploadBytes;
}
