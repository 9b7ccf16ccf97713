namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// A document the store deletes by itself once <see cref="ExpiresAfter"/> has passed since it was
/// last written. How a store keeps the expiry is its own affair; the document only says how long.
/// </summary>
public interface IExpiringDocument : IDocument
{
    /// <summary>Positive, or <see cref="Timeout.InfiniteTimeSpan"/> for never. Not part of the document's own JSON.</summary>
    TimeSpan ExpiresAfter { get; }

    /// <summary>
    /// The incident the document belongs to, if any: while that incident is under a legal hold the
    /// document is stored without expiry (<see cref="DocumentOperation.KeepForever"/>).
    /// </summary>
    int? IncidentNumber => null;
}
