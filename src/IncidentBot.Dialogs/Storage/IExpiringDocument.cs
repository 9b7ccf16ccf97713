namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// A document the store deletes by itself after <see cref="TimeToLiveSeconds"/>. Implementations
/// serialise it as <c>ttl</c>, the property Cosmos DB reads.
/// </summary>
public interface IExpiringDocument : IDocument
{
    int TimeToLiveSeconds { get; }

    /// <summary>
    /// The incident the document belongs to, if any: while that incident is under a legal hold the
    /// document is stored without expiry (<see cref="DocumentOperation.KeepForever"/>).
    /// </summary>
    int? IncidentNumber => null;
}
