namespace IncidentBot.Dialogs.Storage;

/// <summary>What a readiness probe reports about the store.</summary>
public sealed record StoreHealth(bool IsHealthy, string Kind, string Description);
