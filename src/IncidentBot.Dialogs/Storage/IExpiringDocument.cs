namespace IncidentBot.Dialogs.Storage;

/// <summary>A document the store deletes by itself after <see cref="TimeToLiveSeconds"/> (Cosmos <c>ttl</c>).</summary>
public interface IExpiringDocument : IDocument
{
    int TimeToLiveSeconds { get; }
}
