using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Actions;

/// <summary>The answer to a button press: a private note to the presser, and/or a replacement for the message.</summary>
public sealed record ActionReply(ChatMessage? PrivateNote, ChatMessage? Replacement = null)
{
    public static ActionReply None { get; } = new((ChatMessage?)null);

    public static ActionReply Note(string text) => new(ChatMessage.Plain(text));
}
