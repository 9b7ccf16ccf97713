using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Testing.Fakes;

/// <summary>One call a <see cref="RecordingChatPlatform"/> received.</summary>
/// <param name="Method">The <see cref="IChatPlatform"/> method, e.g. <c>SendDirectAsync</c>.</param>
/// <param name="User">The person a direct or private message went to.</param>
public sealed record ChatCall(string Method, WorkspaceId Workspace, ChannelId? Channel, UserId? User, ChatMessage? Message)
{
    /// <summary>The id the platform gave the message, or the message the call was about.</summary>
    public string? MessageId { get; init; }

    public string? SendKey { get; init; }

    /// <summary>A channel name, topic, emoji, reply address or file name.</summary>
    public string? Text { get; init; }

    public IReadOnlyList<UserId> Users { get; init; } = [];

    /// <summary>An uploaded file's bytes.</summary>
    public IReadOnlyList<byte>? File { get; init; }

    /// <summary>Where an uploaded file streamed from disk was read from.</summary>
    public string? FilePath { get; init; }

    /// <summary>
    /// The message as stored JSON, or <see cref="Text"/>: tests look for key words in it
    /// (<c>Contains("INC-42")</c>) rather than compare formatted strings, so that a change of wording
    /// or of the message's structure does not break a test about who was told what.
    /// </summary>
    public string Content => Message is null ? Text ?? "" : JsonSerializer.Serialize(Message, DocumentJson.Options);
}
