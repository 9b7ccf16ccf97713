using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>What the bot has done in chat about a partner's message: its reaction and its thread reply, each once.</summary>
public sealed record ReportChatReceipt : IDocument
{
    public const string DocumentType = "report-receipt";

    public string Id => IdFor(ReportId);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string ReportId { get; init; }

    public bool IsReacted { get; init; }

    /// <summary>Set while a run sends the reply (ETag), so two runs never answer twice; older than two minutes, its run died.</summary>
    public DateTimeOffset? ReplyClaimedAt { get; init; }

    public string? ReplyClaimId { get; init; }

    public string? ReplyMessageId { get; init; }

    public static string IdFor(string reportId) => "receipt-" + reportId;
}
