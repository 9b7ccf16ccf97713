using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// Records a declaration as one unit: the incident under its number, its "declared" event, the
/// receipt of the delivery, and the work it asks for (its channel, clocks, paging, reminders).
/// The incident is stored before the person gets an answer; everything in chat happens
/// afterwards, from the stored record. When the store cannot take it within
/// <see cref="StoreBudget"/>, the declaration is also kept in the <see cref="IDeclarationSpool"/>
/// (if the host has one), the write goes on, and the spool's job tells the person the number as
/// soon as the incident is stored — by this write or by its own, never both.
/// </summary>
public sealed class IncidentDeclarer(
    IncidentStore store,
    IncidentFollowUps followUps,
    WorkspaceRegistry workspaces,
    TimeProvider clock,
    ILogger<IncidentDeclarer> logger,
    IDeclarationSpool? spool = null)
{
    /// <summary>How long a person waits for the store before being told the incident is being recorded: Slack wants an answer within 3 seconds.</summary>
    public static readonly TimeSpan StoreBudget = TimeSpan.FromSeconds(2);

    /// <summary>The <see cref="UserError.Code"/> of a declaration that is still being stored.</summary>
    public const string PendingCode = "declare_pending";

    public const string PendingMessage =
        "Your incident is being recorded — nothing was lost. You'll get its number here as soon as it is stored.";

    /// <param name="replyAddress">Where the number goes if it is stored after the person was answered (Slack's <c>response_url</c>).</param>
    public async Task<Result<DeclareOutcome>> DeclareAsync(
        WorkspaceId workspace, PlatformId platform, UserId reporter, IncidentDraft draft, string? deliveryKey, CancellationToken cancellationToken,
        string? replyAddress = null)
    {
        var declaration = new PendingDeclaration
        {
            WorkspaceId = workspace.Value,
            Platform = platform,
            Reporter = reporter,
            Draft = draft,
            // With a spool every declare needs a key, so its retries can recognise what an earlier attempt stored.
            DeliveryKey = deliveryKey ?? (spool is null ? "" : "declare:" + UniqueIds.NextHex()),
            DeclaredAt = clock.GetUtcNow(),
            ReplyAddress = replyAddress,
        };
        if (spool is null)
            return await DeclareNowAsync(declaration, cancellationToken);

        // The write is never cancelled half-way because the person's wait ran out; it goes on.
        var write = DeclareNowAsync(declaration, CancellationToken.None);
        var waited = await Task.WhenAny(write, Task.Delay(StoreBudget, clock, cancellationToken));
        if (waited == write)
        {
            try
            {
                return await write;
            }
            catch (StoreUnavailableException e)
            {
                return await SpoolAsync(declaration, e, cancellationToken);
            }
        }
        _ = write.ContinueWith(
            static (finished, state) => ((ILogger)state!).LateDeclareFailed(finished.Exception!.GetBaseException()),
            logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        logger.DeclareSpooledWhileWriting(workspace);
        return await SpoolAsync(declaration, null, cancellationToken);
    }

    /// <summary>
    /// Stores a declaration the spool kept. Idempotent by its delivery key: a repeat returns the
    /// incident it declared, found by its receipt or, once that expired, by the incident's own record.
    /// </summary>
    public async Task<Result<DeclareOutcome>> DeclareSpooledAsync(PendingDeclaration declaration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (declaration.DeliveryKey.Length > 0
            && await store.FindByReceiptAsync(new WorkspaceId(declaration.WorkspaceId), ReceiptId(declaration.DeliveryKey), cancellationToken) is { } stored)
        {
            return new DeclareOutcome(stored.Value, IsRepeat: true);
        }
        return await DeclareNowAsync(declaration, cancellationToken);
    }

    public static string ReceiptId(string deliveryKey) =>
        "receipt-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey)))[..40];

    private async Task<Result<DeclareOutcome>> SpoolAsync(PendingDeclaration declaration, Exception? failure, CancellationToken cancellationToken)
    {
        try
        {
            await spool!.SaveAsync(declaration, cancellationToken);
        }
        catch (Exception spoolFailure) when (spoolFailure is not OperationCanceledException)
        {
            throw new StoreUnavailableException(
                "The store could not take the declaration and the local spool could not keep it.",
                failure is null ? spoolFailure : new AggregateException(failure, spoolFailure));
        }
        return new UserError(PendingCode, PendingMessage);
    }

    private async Task<Result<DeclareOutcome>> DeclareNowAsync(PendingDeclaration declaration, CancellationToken cancellationToken)
    {
        var workspace = new WorkspaceId(declaration.WorkspaceId);
        await workspaces.EnsureAsync(workspace, declaration.Platform, cancellationToken);
        var draft = declaration.Draft;
        var receipt = declaration.DeliveryKey.Length == 0
            ? null
            : new DeclareReceipt { Id = ReceiptId(declaration.DeliveryKey), WorkspaceId = workspace.Value, ClaimedAt = declaration.DeclaredAt };
        var incident = new Incident
        {
            WorkspaceId = workspace.Value,
            Platform = declaration.Platform,
            Number = 0,
            Title = draft.Title,
            Description = draft.Description,
            Severity = draft.Severity,
            Status = IncidentStatus.Declared,
            Source = draft.Source,
            Markets = draft.Markets,
            Languages = draft.Languages,
            IsRestricted = draft.IsRestricted,
            Reporter = declaration.Reporter,
            OriginChannel = draft.OriginChannel,
            OriginMessageLink = draft.OriginMessageLink,
            DeclaredAt = declaration.DeclaredAt,
        };
        return await store.DeclareAsync(incident, declaration.DeclaredAt, receipt, followUps.AddTo, cancellationToken);
    }
}
