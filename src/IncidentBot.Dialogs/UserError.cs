namespace IncidentBot.Dialogs;

/// <summary>
/// Something a person got wrong, with a message fit to show them in the channel and,
/// where it helps, the correct usage.
/// </summary>
public sealed record UserError(string Code, string Message, string? Usage = null)
{
    /// <summary>The message followed by the usage line, as shown to the person.</summary>
    public string ToDisplayText() => Usage is null ? Message : $"{Message}\nUsage: `{Usage}`";

    public static UserError NotFound(string incidentKey) =>
        new("not_found", $"{incidentKey} does not exist in this workspace.");

    public static UserError NotAllowed(string action, string currentState, string? hint = null) =>
        new("not_allowed", $"Cannot {action} an incident that is {currentState}.{(hint is null ? "" : " " + hint)}");
}
