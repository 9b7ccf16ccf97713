namespace IncidentBot.Dialogs.Commands;

/// <summary>One word of a command, with where it sits in the original text.</summary>
/// <param name="Text">Decoded text: the word, the unquoted string, or the id of a mention.</param>
/// <param name="Start">Index of the first character in the original text.</param>
/// <param name="End">Index just past the last character in the original text.</param>
public sealed record CommandToken(TokenKind Kind, string Text, int Start, int End)
{
    /// <summary>The form a free-text argument keeps: mentions as <c>&lt;@id&gt;</c>, links as the URL.</summary>
    public string AsText => Kind switch
    {
        TokenKind.UserMention => $"<@{Text}>",
        TokenKind.ChannelMention => $"<#{Text}>",
        _ => Text,
    };

    /// <summary>A flag such as <c>--source</c>. Phones and macOS turn <c>--</c> into a dash, so those count too.</summary>
    public bool IsFlag => Kind == TokenKind.Word && FlagName is not null;

    public string? FlagName =>
        Text.StartsWith("--", StringComparison.Ordinal) && Text.Length > 2 ? Text[2..]
        : (Text.StartsWith('—') || Text.StartsWith('–')) && Text.Length > 1 ? Text[1..]
        : null;
}
