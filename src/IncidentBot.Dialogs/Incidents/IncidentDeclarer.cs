using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// Records a declaration and asks for its channel. The incident is stored before the person
/// gets an answer; everything in chat happens afterwards, from the stored record.
/// </summary>
public sealed class IncidentDeclarer(
    IncidentStore store,
    IDocumentStore documents,
    WorkQueue work,
    WorkspaceRegistry workspaces,
    TimeProvider clock,
    IEnumerable<IIncidentChangeObserver> observers)
{
    /// <summary>A receipt claimed longer ago than this without a number belongs to a declare that died.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(1);

    public async Task<Result<DeclareOutcome>> DeclareAsync(
        WorkspaceId workspace, string platform, UserId reporter, IncidentDraft draft, string? deliveryKey, CancellationToken cancellationToken)
    {
        Versioned<DeclareReceipt>? receipt = null;
        if (deliveryKey is not null)
        {
            var claim = await ClaimAsync(workspace, deliveryKey, cancellationToken);
            if (!claim.IsSuccess)
                return claim.Error;
            if (claim.Value.Existing is { } existing)
                return new DeclareOutcome(existing, IsRepeat: true);
            receipt = claim.Value.Receipt;
        }

        await workspaces.EnsureAsync(workspace.Value, platform, cancellationToken);
        var incident = new Incident
        {
            WorkspaceId = workspace.Value,
            Platform = platform,
            Number = 0,
            Title = draft.Title,
            Description = draft.Description,
            Severity = draft.Severity,
            Status = IncidentStatus.Declared,
            Source = draft.Source,
            Markets = draft.Markets,
            Languages = draft.Languages,
            IsRestricted = draft.IsRestricted,
            Reporter = reporter,
            OriginChannel = draft.OriginChannel,
            OriginMessageLink = draft.OriginMessageLink,
            DeclaredAt = clock.GetUtcNow(),
        };
        var declared = await store.DeclareAsync(incident, clock.GetUtcNow(), cancellationToken);
        if (receipt is not null)
        {
            await documents.ReplaceAsync(receipt.Value with { IncidentNumber = declared.Incident.Number }, receipt.ETag, cancellationToken);
        }
        await work.RequestAsync(workspace, IncidentChannelSync.WorkKind, declared.Incident.Id, null, cancellationToken);
        foreach (var observer in observers)
            await observer.OnChangedAsync(declared, cancellationToken);
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
                var retaken = claim with { ClaimedAt = clock.GetUtcNow() };
                return (new Versioned<DeclareReceipt>(retaken, await documents.ReplaceAsync(retaken, found.ETag, cancellationToken)), null);
            }
            return new UserError("in_progress", "This incident is already being declared; it will show up in a moment.");
        }
    }
}
