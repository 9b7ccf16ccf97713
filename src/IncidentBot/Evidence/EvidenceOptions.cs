using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Evidence;

/// <summary>
/// The <c>Evidence</c> section: one-time download links for evidence packages asked for in chat on a
/// platform that takes no files from a bot (Teams), and the size limit of a package uploaded in chat (Slack).
/// </summary>
public sealed class EvidenceOptions
{
    public const string SectionName = "Evidence";

    /// <summary>The bot's public address (<c>https://…</c>) that links start with; empty: no links, and Teams users are told to ask Legal.</summary>
    public string? LinkBaseUrl { get; set; }

    /// <summary>How long a link works (for one download). Default 15.</summary>
    [Range(1, 1440)]
    public int LinkMinutes { get; set; } = 15;

    /// <summary>The largest package <c>/incident evidence</c> uploads in chat, in MiB; above it the person is pointed to the evidence API. Default 50.</summary>
    [Range(1, 1024)]
    public int MaxChatUploadMegabytes { get; set; } = 50;
}
