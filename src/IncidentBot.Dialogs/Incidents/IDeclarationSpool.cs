namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// Durable local keeping for declarations the store could not take (an outage, throttling),
/// until a job stores them through <see cref="IncidentDeclarer.DeclareSpooledAsync"/>.
/// </summary>
public interface IDeclarationSpool
{
    /// <summary>Keeps the declaration; keeping the same delivery key twice keeps it once.</summary>
    Task SaveAsync(PendingDeclaration declaration, CancellationToken cancellationToken);
}
