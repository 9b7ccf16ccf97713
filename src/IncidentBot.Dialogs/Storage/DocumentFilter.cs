namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// One condition on a JSON property path such as <c>status</c> or <c>roles.lead</c>
/// (camel case, as serialised). The value is compared in its JSON form.
/// </summary>
public sealed record DocumentFilter(string Path, FilterOperator Operator, object? Value);
