using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// Records a declaration and asks for its channel. The incident is stored before the person
/// gets an answer; everything in chat happens afterwards, from the stored record. When the
/// store cannot take it in time, the declaration is kept in the <see cref="IDeclarationSpool"/>
/// (if the host has one) and stored later, exactly once, by the spool's job.
/// </summary>
public sealed class IncidentDeclarer(
    IncidentStore store,
    IDocumentStore documents,
    WorkQueue work,
    WorkspaceRegistry workspaces,
    TimeProvider clock,
    IEnumerable<IIncidentChangeObserver> observers,
    IDeclarationSpool? spool = null)
{
    /// <summary>A receipt claimed longer ago than this without a number belongs to a declare that died.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(1);

    /// <summary>How long a declare waits for the store before it is spooled: the person must hear back within Slack's 3 seconds.</summary>
    public static readonly TimeSpan StoreBudget = TimeSpan.FromSeconds(2);

    /// <summary>The <see cref="UserError.Code"/> of a declaration that was kept for a retry.</summary>
    public const string PendingCode = "declare_pending";

    public const string PendingMessage =
        "Could not record the incident, retrying — nothing was lost. You'll get its number here as soon as it is stored.";

    public async Task<Result<DeclareOutcome>> DeclareAsync(
        WorkspaceId workspace, string platform, UserId reporter, IncidentDraft draft, string? deliveryKey, CancellationToken cancellationToken)
    {
        var declaration = new PendingDeclaration
        {
            WorkspaceId = workspace.Value,
            Platform = platform,
            Reporter = reporter,
            Draft = draft,
            // With a spool every declare needs a key, so its retries can recognise what an earlier attempt stored.
            DeliveryKey = deliveryKey ?? (spool is null ? "" : "declare:" + Guid.NewGuid().ToString("N")),
            DeclaredAt = clock.GetUtcNow(),
        };
        if (spool is null)
            return await DeclareNowAsync(declaration, cancellationToken);

        using var budget = new CancellationTokenSource(StoreBudget, clock);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            return await DeclareNowAsync(declaration, attempt.Token);
        }
        catch (Exception e) when (e is StoreUnavailableException
            || (e is OperationCanceledException && budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            try
            {
                await spool.SaveAsync(declaration, cancellationToken);
            }
            catch (Exception spoolFailure) when (spoolFailure is not OperationCanceledException)
            {
                throw new StoreUnavailableException(
                    "The store could not take the declaration and the local spool could not keep it.", new AggregateException(e, spoolFailure));
            }
            return new UserError(PendingCode, PendingMessage);
        }
    }

    /// <summary>Stores a declaration the spool kept. Idempotent by its delivery key: a repeat returns the incident it declared.</summary>
    public Task<Result<DeclareOutcome>> DeclareSpooledAsync(PendingDeclaration declaration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return DeclareNowAsync(declaration, cancellationToken);
    }

    private async Task<Result<DeclareOutcome>> DeclareNowAsync(PendingDeclaration declaration, CancellationToken cancellationToken)
    {
        var workspace = new WorkspaceId(declaration.WorkspaceId);
        Versioned<DeclareReceipt>? receipt = null;
        if (declaration.DeliveryKey.Length > 0)
        {
            var claim = await ClaimAsync(workspace, declaration.DeliveryKey, cancellationToken);
            if (!claim.IsSuccess)
                return claim.Error;
            if (claim.Value.Existing is { } existing)
                return new DeclareOutcome(existing, IsRepeat: true);
            receipt = claim.Value.Receipt;
        }

        await workspaces.EnsureAsync(workspace.Value, declaration.Platform, cancellationToken);
        var draft = declaration.Draft;
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
            DeclareReceiptId = receipt?.Value.Id,
        };
        var declared = await store.DeclareAsync(incident, declaration.DeclaredAt, cancellationToken);
        // The channel is asked for before the receipt records the number: a receipt with a number means nothing is left to do.
        await work.RequestAsync(workspace, IncidentChannelSync.WorkKind, declared.Incident.Id, null, cancellationToken);
        foreach (var observer in observers)
            await observer.OnChangedAsync(declared, cancellationToken);
        if (receipt is not null)
            await documents.ReplaceAsync(receipt.Value with { IncidentNumber = declared.Incident.Number }, receipt.ETag, cancellationToken);
        return new DeclareOutcome(declared.Incident, IsRepeat: false);
    }

    private async Task<Result<(Versioned<DeclareReceipt>? Receipt, Incident? Existing)>> ClaimAsync(
        WorkspaceId workspace, string deliveryKey, CancellationToken cancellationToken)
    {
        var id = "receipt-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey)))[..40];
        var claim = new DeclareReceipt { Id = id, WorkspaceId = workspace.Value, ClaimedAt = clock.GetUtcNow() };
        try
        {
            return (new Versioned<DeclareReceipt>(claim, await documents.CreateAsync(claim, cancellationToken)), null);
        }
        catch (DocumentConflictException)
        {
            var found = await documents.ReadAsync<DeclareReceipt>(workspace.Value, id, cancellationToken);
            if (found?.Value.IncidentNumber is { } number
                && await store.FindAsync(workspace.Value, new IncidentNumber(number), cancellationToken) is { } existing)
            {
                return (null, existing.Value);
            }
            if (found is not null && clock.GetUtcNow() - found.Value.ClaimedAt > StaleClaim)
            {
                // The declare that claimed it died, perhaps after storing the incident (its answer lost in an outage).
                if (await FindDeclaredByAsync(workspace, id, cancellationToken) is { } orphan)
                    return (null, await FinishAsync(orphan, found, cancellationToken));
                var retaken = claim with { ClaimedAt = clock.GetUtcNow() };
                return (new Versioned<DeclareReceipt>(retaken, await documents.ReplaceAsync(retaken, found.ETag, cancellationToken)), null);
            }
            return new UserError("in_progress", "This incident is already being declared; it will show up in a moment.");
        }
    }

    private async Task<Versioned<Incident>?> FindDeclaredByAsync(WorkspaceId workspace, string receiptId, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspace.Value, Incident.DocumentType).WhereEquals("declareReceiptId", receiptId).Take(1);
        await foreach (var found in documents.QueryAsync<Incident>(query, cancellationToken))
            return found;
        return null;
    }

    /// <summary>Does what the dead declare did not get to: its "declared" event, the channel request, the receipt's number.</summary>
    private async Task<Incident> FinishAsync(Versioned<Incident> orphan, Versioned<DeclareReceipt> receipt, CancellationToken cancellationToken)
    {
        var incident = orphan.Value;
        var declaredEvent = IncidentLifecycle.Declare(incident, incident.DeclaredAt).Event;
        if (await documents.ReadAsync<TimelineEvent>(incident.WorkspaceId, declaredEvent.Id, cancellationToken) is null)
            await documents.UpsertAsync(declaredEvent, cancellationToken);
        await work.RequestAsync(new WorkspaceId(incident.WorkspaceId), IncidentChannelSync.WorkKind, incident.Id, null, cancellationToken);
        await documents.ReplaceAsync(receipt.Value with { IncidentNumber = incident.Number }, receipt.ETag, cancellationToken);
        return incident;
    }
}
