namespace IncidentBot.Dialogs.Evidence;

/// <summary>Download links for evidence packages, where a platform takes no files from a bot (Teams).</summary>
public sealed record EvidenceLinkOptions
{
    public static EvidenceLinkOptions None { get; } = new();

    /// <summary>The bot's public https address the links start with; no links (and no package on such a platform) without it.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>How long a link can be used (once). Default 15 minutes.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(15);
}
