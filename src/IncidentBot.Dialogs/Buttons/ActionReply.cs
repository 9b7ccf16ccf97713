using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Buttons;

/// <summary>The answer to a button press: a private note to the presser, if any.</summary>
public sealed record ActionReply(ChatMessage? PrivateNote)
{
    /// <summary>
    /// The pressed message as it reads now, when the handler knows it. Teams replaces the pressed
    /// card with the answer to the press, so without it the person would see the old buttons again.
    /// </summary>
    public ChatMessage? Pressed { get; init; }

    public static ActionReply None { get; } = new((ChatMessage?)null);

    public static ActionReply Note(RichText text) => new(ChatMessage.Plain(text));

    public static ActionReply Note(RichTextBuilder text) => Note(RichText.Of(text));
}
