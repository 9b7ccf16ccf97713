using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Remembers deliveries in the store (not in memory), so a retried or replayed delivery is
/// recognised by every instance, including one that just restarted.
/// </summary>
public sealed class DeliveryLedger(IDocumentStore documents, TimeProvider clock)
{
    /// <returns>True the first time a key is claimed; false for a repeat within <paramref name="remember"/>.</returns>
    public async Task<bool> TryClaimAsync(WorkspaceId workspace, string key, TimeSpan remember, CancellationToken cancellationToken)
    {
        var claim = new DeliveryClaim
        {
            Id = "delivery-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40],
            WorkspaceId = workspace.Value,
            SeenAt = clock.GetUtcNow(),
            TimeToLiveSeconds = (int)Math.Ceiling(remember.TotalSeconds),
        };
        try
        {
            await documents.CreateAsync(claim, cancellationToken);
            return true;
        }
        catch (DocumentConflictException)
        {
            return false;
        }
    }
}
