namespace IncidentBot.Dialogs.Storage;

public enum FilterOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    /// <summary>The array at the path holds the value.</summary>
    ArrayContains,
    /// <summary>The path is present and not null (the value is ignored).</summary>
    IsDefined,
}
