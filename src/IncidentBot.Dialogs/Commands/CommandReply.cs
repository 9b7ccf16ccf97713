using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Commands;

/// <summary>What the person who typed the command gets back at once.</summary>
public abstract record CommandReply
{
    public static CommandReply Private(ChatMessage message) => new MessageReply(message, IsPublic: false);

    public static CommandReply Private(RichText text) => Private(ChatMessage.Plain(text));

    public static CommandReply Private(RichTextBuilder text) => Private(RichText.Of(text));

    public static CommandReply Public(ChatMessage message) => new MessageReply(message, IsPublic: true);

    /// <summary>Nothing to say now: the bot's post in the channel follows from a job.</summary>
    public static CommandReply None { get; } = new NoReply();
}

/// <summary>A message to the person (private) or to the channel the command came from (public).</summary>
public sealed record MessageReply(ChatMessage Message, bool IsPublic) : CommandReply
{
    /// <summary>The <see cref="UserError.Code"/> when the message explains an error (a declaration still being stored, say).</summary>
    public string? ErrorCode { get; init; }
}

public sealed record NoReply : CommandReply;
