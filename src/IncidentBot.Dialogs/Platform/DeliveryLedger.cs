using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Remembers deliveries in the store (not in memory), so a retried or replayed delivery is
/// recognised by every instance, including one that just restarted. A delivery's claim is stored
/// with the change it caused (<see cref="DeliveryScope"/>), never before it.
/// </summary>
public sealed class DeliveryLedger(IDocumentStore documents, TimeProvider clock)
{
    /// <summary>The claim document of a delivery key, not yet stored.</summary>
    public DeliveryClaim ClaimFor(WorkspaceId workspace, string key, TimeSpan remember) => new()
    {
        Id = IdFor(key),
        WorkspaceId = workspace.Value,
        SeenAt = clock.GetUtcNow(),
        ExpiresAfter = remember,
    };

    /// <summary>Starts handling a delivery: its claim joins the first change the request stores.</summary>
    public DeliveryScope Begin(WorkspaceId workspace, string key, TimeSpan remember) => DeliveryScope.Begin(ClaimFor(workspace, key, remember));

    /// <summary>True if the delivery was handled before (its claim is stored): a cheap read before doing the work.</summary>
    public async Task<bool> WasHandledAsync(WorkspaceId workspace, string key, CancellationToken cancellationToken) =>
        await documents.ReadAsync<DeliveryClaim>(workspace, IdFor(key), cancellationToken) is not null;

    /// <summary>
    /// After the work: stores the claim on its own if no change carried it (the request changed
    /// nothing, or wrote outside a <see cref="DocumentWriter"/> unit), so a replay is still refused.
    /// </summary>
    /// <returns>False if the claim was there already: another delivery of the same request got there first.</returns>
    public async Task<bool> CompleteAsync(DeliveryScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsStored || !scope.TryTakeAlone())
            return true;
        try
        {
            await documents.CreateAsync(scope.Claim, cancellationToken);
            scope.MarkStored();
            return true;
        }
        catch (DocumentConflictException)
        {
            scope.MarkStored();
            return false;
        }
        catch
        {
            scope.MarkPending();
            throw;
        }
    }

    /// <returns>True the first time a key is claimed; false for a repeat within <paramref name="remember"/>.</returns>
    public async Task<bool> TryClaimAsync(WorkspaceId workspace, string key, TimeSpan remember, CancellationToken cancellationToken)
    {
        try
        {
            await documents.CreateAsync(ClaimFor(workspace, key, remember), cancellationToken);
            return true;
        }
        catch (DocumentConflictException)
        {
            return false;
        }
    }

    /// <summary>Forgets a claim whose work failed, so the platform's retry does it.</summary>
    public Task<bool> ReleaseAsync(WorkspaceId workspace, string key, CancellationToken cancellationToken) =>
        documents.DeleteAsync(workspace, IdFor(key), null, cancellationToken);

    private static string IdFor(string key) => "delivery-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];
}
