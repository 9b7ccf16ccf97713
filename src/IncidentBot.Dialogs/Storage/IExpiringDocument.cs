namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// A document the store deletes by itself after <see cref="TimeToLiveSeconds"/>. Implementations
/// serialise it as <c>ttl</c>, the property Cosmos DB reads.
/// </summary>
public interface IExpiringDocument : IDocument
{
    int TimeToLiveSeconds { get; }
}
