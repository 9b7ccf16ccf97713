using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// A single-partition query: documents of one type in one workspace, filtered, ordered and
/// limited. Small on purpose, so every store (Cosmos SQL, the embedded file) can run it
/// natively and the product never issues a cross-partition query.
/// </summary>
public sealed record DocumentQuery(string WorkspaceId, string Type)
{
    public DocumentQuery(WorkspaceId workspace, string type)
        : this(workspace.Value, type)
    {
    }

    public IReadOnlyList<DocumentFilter> Filters { get; init; } = [];

    /// <summary>The property to order by; the document id breaks ties.</summary>
    public DocumentPath? OrderBy { get; init; }

    public bool Descending { get; init; }

    public int? Top { get; init; }

    public DocumentQuery Where(DocumentPath path, FilterOperator op, object? value)
    {
        ArgumentNullException.ThrowIfNull(path);
        return this with { Filters = [.. Filters, new DocumentFilter(path, op, value)] };
    }

    public DocumentQuery WhereEquals(DocumentPath path, object? value) => Where(path, FilterOperator.Equal, value);

    public DocumentQuery OrderedBy(DocumentPath path, bool descending = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        return this with { OrderBy = path, Descending = descending };
    }

    public DocumentQuery Take(int count) => this with { Top = count };
}
