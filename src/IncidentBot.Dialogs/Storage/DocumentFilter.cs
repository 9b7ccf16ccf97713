namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// One condition on a document property such as <c>status</c> or <c>roles.lead</c>.
/// The value is compared in its JSON form.
/// </summary>
public sealed record DocumentFilter(DocumentPath Path, FilterOperator Operator, object? Value);
