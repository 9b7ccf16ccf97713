namespace IncidentBot.Dialogs.Storage;

/// <summary>The outcome of a committed <see cref="DocumentWriter"/> unit and the ETags it left.</summary>
public sealed record Committed<T>(T Value, BatchResult Result)
{
    public Versioned<TDocument> Versioned<TDocument>(TDocument document)
        where TDocument : class, IDocument => Result.Versioned(document);
}
