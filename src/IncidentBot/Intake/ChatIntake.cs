using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Platform;
using Microsoft.Extensions.Options;

namespace IncidentBot.Intake;

/// <summary>
/// A person's message in a configured intake channel (<c>Intake:Slack:Channels</c>, a Slack Connect
/// channel shared with partners; <c>Intake:Teams:Channels</c>) is a partner report: recorded like
/// one from the API, then reacted to (🧾) and answered in its thread with the incident it joined
/// or opened, by a job once the report is stored. A redelivered message is the same report.
/// </summary>
public sealed class ChatIntake(IntakeRecorder recorder, IOptionsMonitor<IntakeOptions> options, TimeProvider clock, ILogger<ChatIntake> logger)
{
    public bool IsSlackChannel(string channel) => options.CurrentValue.Slack.Channels.Contains(channel, StringComparer.Ordinal);

    public bool IsTeamsChannel(string? channel) => channel is { Length: > 0 } && options.CurrentValue.Teams.Channels.Contains(channel, StringComparer.Ordinal);

    /// <param name="ts">Slack's id and time of the message (<c>1764320000.000100</c>).</param>
    public Task RecordSlackAsync(WorkspaceId workspace, UserId user, string channel, string ts, string text, CancellationToken cancellationToken)
    {
        var receivedAt = decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : clock.GetUtcNow();
        return RecordAsync(workspace, PlatformId.Slack, channel, channel, ts, user, null, text, receivedAt, cancellationToken);
    }

    /// <param name="channel">The channel's id (<c>19:…@thread.tacv2</c>), for the external id.</param>
    /// <param name="conversation">The message's conversation (the channel's thread), where the answer goes.</param>
    public Task RecordTeamsAsync(
        WorkspaceId workspace, UserId user, string? userName, string channel, string conversation, string activityId, string text, DateTimeOffset? sentAt,
        CancellationToken cancellationToken) =>
        RecordAsync(workspace, PlatformId.Teams, channel, conversation, activityId, user, userName, text, sentAt ?? clock.GetUtcNow(), cancellationToken);

    private async Task RecordAsync(
        WorkspaceId workspace, PlatformId platform, string channel, string conversation, string messageId, UserId user, string? userName, string text,
        DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var report = new IntakeReport
        {
            Source = IncidentSource.Partner,
            ExternalId = $"{platform}:{channel}:{messageId}",
            ReceivedAt = receivedAt > now ? now : receivedAt,
            Text = text.Length <= IntakeOptions.MaxReportBytes ? text : text[..IntakeOptions.MaxReportBytes],
            Reporter = new ReportReporter { Name = userName ?? user.Value },
            Origin = new ReportOrigin(platform, conversation, messageId),
        };
        var result = await recorder.RecordAsync(workspace, platform, report, cancellationToken);
        if (!result.IsSuccess)
        {
            if (logger.IsEnabled(LogLevel.Warning))
                logger.ChatReportRefused(messageId, channel, workspace.Value, result.Error.Code);
            // Not stored: failing the delivery makes the platform deliver it again.
            throw new InvalidOperationException($"The partner message could not be recorded ({result.Error.Code}).");
        }
        if (logger.IsEnabled(LogLevel.Information))
            logger.ChatReport(messageId, channel, workspace.Value, result.Value.ReportId);
    }
}
