namespace IncidentBot.Dialogs.Storage;

/// <summary>The store could not be reached or kept refusing (throttling, outage) after its retries.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
