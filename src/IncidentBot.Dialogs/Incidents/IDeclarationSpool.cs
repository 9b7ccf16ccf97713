namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// Durable local keeping for declarations the store could not take (an outage, throttling),
/// until a job stores them through <see cref="IncidentDeclarer.DeclareSpooledAsync"/>.
/// </summary>
public interface IDeclarationSpool
{
    /// <summary>Keeps the declaration; keeping the same delivery key twice keeps it once.</summary>
    Task SaveAsync(PendingDeclaration declaration, CancellationToken cancellationToken);

    /// <summary>
    /// Where the person's "being recorded" answer is (known only once it was sent), so the number
    /// replaces it when the declaration is stored. Nothing happens if the declaration is gone.
    /// </summary>
    Task AttachReplyAddressAsync(string deliveryKey, string replyAddress, CancellationToken cancellationToken);
}
