using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Actions;

/// <summary>The answer to a button press: a private note to the presser, if any.</summary>
public sealed record ActionReply(ChatMessage? PrivateNote)
{
    public static ActionReply None { get; } = new((ChatMessage?)null);

    public static ActionReply Note(string text) => new(ChatMessage.Plain(text));
}
