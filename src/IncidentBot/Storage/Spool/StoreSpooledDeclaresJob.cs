using System.Security.Cryptography;
using System.Text;
using Hangfire;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Storage.Spool;

/// <summary>
/// The recurring job that stores spooled declarations, oldest first, and tells each reporter the
/// number. Each one is stored through its delivery key's receipt, so a retry (this job running
/// twice, a crash between storing and forgetting) finds the incident instead of declaring again.
/// After it is stored, the declarer has asked for its channel, as for any declare.
/// </summary>
public sealed class StoreSpooledDeclaresJob(
    SqliteDeclarationSpool spool, IncidentDeclarer declarer, Outbox outbox, TimeProvider clock, ILogger<StoreSpooledDeclaresJob> logger)
{
    public const string RecurringJobId = "store-spooled-declares";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("Store spooled declarations")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pending = await spool.ListAsync(cancellationToken);
        for (var i = 0; i < pending.Count; i++)
        {
            var declaration = pending[i];
            try
            {
                if (declaration.WorkspaceId.Length == 0)
                {
                    await FailAsync(declaration, "the spooled row could not be read", null, cancellationToken);
                    continue;
                }
                var result = await declarer.DeclareSpooledAsync(declaration, cancellationToken);
                if (!result.IsSuccess)
                {
                    logger.NotYet(declaration.WorkspaceId, result.Error.Code);
                    await FailAsync(declaration, result.Error.Code, null, cancellationToken);
                    continue;
                }
                await NotifyAsync(declaration, result.Value, cancellationToken);
                await spool.RemoveAsync(declaration.DeliveryKey, cancellationToken);
                logger.Stored(result.Value.Incident.Number, declaration.WorkspaceId, result.Value.IsRepeat);
            }
            catch (StoreUnavailableException e)
            {
                // The store is down for everyone: nothing behind this row would fare better now.
                logger.StillUnavailable(pending.Count - i, e);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // This row fails for a reason of its own (refused by the store, unreadable): it must not block the rest.
                await FailAsync(declaration, $"{e.GetType().Name}: {e.Message}", e, cancellationToken);
            }
        }
    }

    private async Task FailAsync(PendingDeclaration declaration, string reason, Exception? failure, CancellationToken cancellationToken)
    {
        var trimmed = reason.Length <= 300 ? reason : reason[..300];
        if (await spool.RecordFailureAsync(declaration.DeliveryKey, trimmed, clock.GetUtcNow(), cancellationToken))
            logger.RowSetAside(declaration.WorkspaceId, SqliteDeclarationSpool.MaxAttempts, trimmed);
        else
            logger.RowFailed(declaration.WorkspaceId, trimmed, failure);
    }

    /// <summary>
    /// The answer the person would have had, by the outbox, keyed by the delivery so a retry sends
    /// it once: it replaces their "being recorded" answer where the platform can (Slack's
    /// <c>response_url</c>, the bot's own reply on Teams), else comes privately where they declared.
    /// </summary>
    private Task NotifyAsync(PendingDeclaration declaration, DeclareOutcome outcome, CancellationToken cancellationToken)
    {
        var id = "declared-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(declaration.DeliveryKey)))[..40];
        var message = DeclareHandler.DeclaredReply(outcome with { IsRepeat = false });
        return outbox.SendAsync(new WorkspaceId(declaration.WorkspaceId), declaration.Platform, id,
            declaration.Draft.OriginChannel, declaration.Reporter, message, cancellationToken,
            replyAddress: declaration.ReplyAddress, replacesAnswer: true);
    }
}
