namespace IncidentBot.Dialogs.Storage;

/// <summary>A wrapper over one string (an id), stored as that plain string.</summary>
public interface IStringValue<TSelf>
    where TSelf : struct, IStringValue<TSelf>
{
    string Value { get; }

    static abstract TSelf From(string value);
}
