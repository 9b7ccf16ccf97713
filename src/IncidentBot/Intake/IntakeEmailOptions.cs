namespace IncidentBot.Intake;

/// <summary>Limits for <c>POST /api/intake/email</c>.</summary>
public sealed class IntakeEmailOptions
{
    /// <summary>A larger message is refused with 413.</summary>
    public int MaxMessageBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>A larger attachment is listed as evidence (name, type, size, SHA-256) but its content is not kept.</summary>
    public int MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Attachments kept per message; the rest are listed only.</summary>
    public int MaxAttachments { get; set; } = 20;
}
