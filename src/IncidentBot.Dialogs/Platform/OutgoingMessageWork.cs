using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Sends one stored message, then deletes it, as a <see cref="ClaimedSend"/>: the message is
/// claimed with its ETag first, so of two runs at once (a retry racing a late job) only one sends;
/// a failed send gives the claim back; a claim whose run died is taken over after
/// <see cref="ClaimTimeout"/> (at-least-once, never lost).
/// </summary>
public sealed class OutgoingMessageWork(ClaimedSend sends, ChatPlatforms platforms, TimeProvider clock) : IWorkHandler
{
    public const string WorkKind = "send";

    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    public string Kind => WorkKind;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        var result = await sends.RunAsync(workspace.Value,
            async (attempt, token) =>
            {
                var stored = await attempt.ReadAsync<OutgoingMessage>(targetId, token);
                if (stored is null)
                    return SendClaim.NotClaimed(new Sending(WorkOutcome.Done, null));
                var now = clock.GetUtcNow();
                if (stored.Value.SendingSince is { } since && now - since < ClaimTimeout)
                    return SendClaim.NotClaimed(new Sending(WorkOutcome.RunAgain(since + ClaimTimeout), null)); // another run is sending it; look again if it dies
                var claimed = stored.Value with { SendingSince = now };
                attempt.Batch.Replace(claimed, stored.ETag);
                return SendClaim.Claimed(new Sending(WorkOutcome.Done, claimed));
            },
            async (sending, token) =>
            {
                await SendAsync(workspace, sending.Message!, token);
                return true;
            },
            (attempt, claimed, _, _) =>
            {
                // A retry follows a conflict: another run took the message over after our claim ran out, and deletes it once it has sent.
                if (!attempt.IsRetry)
                    attempt.Batch.Delete(targetId, claimed.Result.ETagOf(targetId));
                return Task.FromResult(true);
            },
            (attempt, claimed, _) =>
            {
                if (!attempt.IsRetry)
                    attempt.Batch.Replace(claimed.Value.Message! with { SendingSince = null }, claimed.Result.ETagOf(targetId)!);
                return Task.CompletedTask;
            },
            cancellationToken);
        return result.Status switch
        {
            ClaimedSendStatus.NotClaimed => result.Claim!.Answer,
            ClaimedSendStatus.Contended => WorkOutcome.RunAgain(clock.GetUtcNow() + ClaimTimeout),
            _ => WorkOutcome.Done,
        };
    }

    /// <summary>The claim step's decision: what to answer, and the message as claimed when this run sends it.</summary>
    private sealed record Sending(WorkOutcome Answer, OutgoingMessage? Message);

    private async Task SendAsync(WorkspaceId workspace, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var platform = platforms.Get(message.Platform);
        if (message.ReplyAddress is { } address && await platform.ReplyAsync(workspace, address, message.Message, cancellationToken, message.ReplacesAnswer))
            return;
        if (message.Channel is { } channel && message.User is { } viewer)
            await platform.PostPrivatelyAsync(workspace, channel, viewer, message.Message, cancellationToken);
        else if (message.Channel is { } publicChannel)
            await platform.PostAsync(workspace, publicChannel, message.Message, cancellationToken);
        else
            await platform.SendDirectAsync(workspace, message.User!.Value, message.Message, cancellationToken);
    }
}
