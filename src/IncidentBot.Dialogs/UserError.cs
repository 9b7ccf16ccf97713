using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs;

/// <summary>
/// Something a person got wrong, with a message fit to show them in the channel and,
/// where it helps, the correct usage.
/// </summary>
public sealed record UserError(string Code, RichText Message, string? Usage = null)
{
    /// <summary>A message of plain words.</summary>
    public UserError(string code, string message, string? usage = null)
        : this(code, RichText.Text(message), usage)
    {
    }

    /// <summary>A message built like <see cref="RichText.Of"/>: words, code, mentions and times as runs.</summary>
    public UserError(string code, RichTextBuilder message, string? usage = null)
        : this(code, RichText.Of(message), usage)
    {
    }

    /// <summary>The message followed by the usage line, as shown to the person.</summary>
    public RichText ToDisplayText() => Usage is null ? Message : RichText.Of($"{Message}\nUsage: {RichText.Code(Usage)}");

    public static UserError NotFound(string incidentKey) =>
        new("not_found", $"{incidentKey} does not exist in this workspace.");

    public static UserError NotAllowed(string action, string currentState, RichText? hint = null) =>
        new("not_allowed", hint is null ? $"Cannot {action} an incident that is {currentState}." : $"Cannot {action} an incident that is {currentState}. {hint}");
}
