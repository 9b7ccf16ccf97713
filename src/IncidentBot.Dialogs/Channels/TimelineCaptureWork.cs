using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Channels;

/// <summary>
/// Fetches a reacted-to message and adds it to the timeline, off the request thread.
/// The target is <c>{platform}|{channel}|{messageId}|{user}</c>.
/// </summary>
public sealed class TimelineCaptureWork(IncidentStore store, ChatPlatforms platforms, TimelineCapture capture) : IWorkHandler
{
    public const string WorkKind = "timeline-capture";

    public string Kind => WorkKind;

    public static string TargetFor(PlatformId platform, ChannelId channel, string messageId, UserId user) =>
        string.Join('|', platform.Value, channel.Value, messageId, user.Value);

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        var parts = targetId.Split('|');
        if (parts.Length != 4)
            return WorkOutcome.Done;
        var channel = new ChannelId(parts[1]);
        if (await store.FindByChannelAsync(workspace, channel, cancellationToken) is null)
            return WorkOutcome.Done; // not an incident channel: nothing to record
        var message = await platforms.Get(PlatformId.From(parts[0])).FetchMessageAsync(workspace, new MessageRef(channel, parts[2]), cancellationToken);
        if (message is null)
            return WorkOutcome.Done;
        await capture.CaptureAsync(workspace, channel, parts[2], new UserId(parts[3]), message.Text, message.Permalink, cancellationToken);
        return WorkOutcome.Done;
    }
}
