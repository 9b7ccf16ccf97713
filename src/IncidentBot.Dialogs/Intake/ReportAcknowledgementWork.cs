using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// Answers a partner's message once its report is stored (work kind <c>intake-ack</c>): a 🧾
/// reaction where the platform allows bots to react, and a reply in the message's thread naming
/// the incident it joined or opened. Each is recorded on the report's <see cref="ReportChatReceipt"/>;
/// the reply is claimed first and the claim given back if the send fails, so it goes out once.
/// </summary>
public sealed class ReportAcknowledgementWork(
    IncidentStore incidents,
    DocumentWriter writer,
    ChatPlatforms platforms,
    TimeProvider clock,
    ILogger<ReportAcknowledgementWork> logger) : IWorkHandler
{
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    public string Kind => IntakeWork.Acknowledge;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        var report = await writer.Documents.ReadAsync<StoredReport>(workspace, targetId, cancellationToken);
        if (report?.Value.Origin is not { } origin || !platforms.TryGet(origin.Platform, out var platform))
            return WorkOutcome.Done;
        var incident = await incidents.FindAsync(workspace, new IncidentNumber(report.Value.IncidentNumber), cancellationToken);
        if (incident is null)
            return WorkOutcome.Done;
        var message = new MessageRef(new ChannelId(origin.Channel), origin.MessageId);
        var receiptId = ReportChatReceipt.IdFor(targetId);
        var receipt = await writer.Documents.ReadAsync<ReportChatReceipt>(workspace, receiptId, cancellationToken);
        var reacted = receipt?.Value.IsReacted == true;
        if (!reacted)
        {
            // Adding a reaction twice is harmless (Slack says already_reacted), so no claim is needed.
            await platform.AddReactionAsync(workspace, message, IntakeMessages.ReceiptEmoji, cancellationToken);
            receipt = await SaveAsync(workspace, receiptId, targetId, r => r with { IsReacted = true }, cancellationToken);
            reacted = true;
        }
        if (receipt?.Value.ReplyMessageId is not null)
            return WorkOutcome.Done;

        var now = clock.GetUtcNow();
        var claimId = UniqueIds.NextHex();
        DateTimeOffset? heldUntil = null;
        var claimed = await writer.WriteAsync(workspace, async (attempt, token) =>
        {
            heldUntil = null;
            var current = await attempt.ReadAsync<ReportChatReceipt>(receiptId, token);
            if (current?.Value.ReplyMessageId is not null)
                return false;
            if (current?.Value.ReplyClaimedAt is { } at && now - at < ClaimTimeout)
            {
                heldUntil = at + ClaimTimeout;
                return false;
            }
            var next = (current?.Value ?? new ReportChatReceipt { WorkspaceId = workspace.Value, ReportId = targetId }) with
            {
                ReplyClaimedAt = now,
                ReplyClaimId = claimId,
            };
            attempt.Batch.Save(next, current?.ETag);
            return true;
        }, cancellationToken);
        // Another run is replying: look again once its claim runs out, in case it died without recording the reply
        // (returning done would delete this work item, and the partner would never get an answer).
        if (!claimed.Value)
            return heldUntil is { } again ? WorkOutcome.RunAgain(again) : WorkOutcome.Done;
        MessageRef sent;
        try
        {
            sent = await platform.ReplyInThreadAsync(workspace, message, IntakeMessages.Receipt(incident.Value, report.Value), cancellationToken, "receipt-" + targetId);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await SaveAsync(workspace, receiptId, targetId, r => r.ReplyClaimId == claimId ? r with { ReplyClaimedAt = null, ReplyClaimId = null } : r, CancellationToken.None);
            throw;
        }
        await SaveAsync(workspace, receiptId, targetId, r => r with { ReplyMessageId = sent.MessageId, ReplyClaimedAt = null, ReplyClaimId = null }, cancellationToken);
        logger.Acknowledged(targetId, workspace, reacted, replied: true);
        return WorkOutcome.Done;
    }

    private async Task<Versioned<ReportChatReceipt>> SaveAsync(
        WorkspaceId workspace, string receiptId, string reportId, Func<ReportChatReceipt, ReportChatReceipt> change, CancellationToken cancellationToken)
    {
        var committed = await writer.WriteAsync(workspace, async (attempt, token) =>
        {
            var current = await attempt.ReadAsync<ReportChatReceipt>(receiptId, token);
            var next = change(current?.Value ?? new ReportChatReceipt { WorkspaceId = workspace.Value, ReportId = reportId });
            attempt.Batch.Save(next, current?.ETag);
            return next;
        }, cancellationToken);
        return committed.Versioned(committed.Value);
    }
}
