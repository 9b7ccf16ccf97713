using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// What a <see cref="ClaimedSend"/> did: the claim step's value (for <see cref="ClaimedSendStatus.Sent"/>
/// and <see cref="ClaimedSendStatus.NotClaimed"/>) and, when sent, what the record step returned with the ETags it left.
/// </summary>
public sealed record ClaimedSendResult<TClaim, TRecorded>(ClaimedSendStatus Status, TClaim? Claim, Committed<TRecorded>? Recorded)
{
    public static ClaimedSendResult<TClaim, TRecorded> Contended { get; } = new(ClaimedSendStatus.Contended, default, default);

    public static ClaimedSendResult<TClaim, TRecorded> NotClaimed(TClaim claim) => new(ClaimedSendStatus.NotClaimed, claim, default);

    public static ClaimedSendResult<TClaim, TRecorded> Sent(TClaim claim, Committed<TRecorded> recorded) => new(ClaimedSendStatus.Sent, claim, recorded);
}
