namespace IncidentBot.Dialogs.Platform;

/// <summary>What the claim step of a <see cref="ClaimedSend"/> decided: send (its claim is in the batch), or not.</summary>
public readonly record struct SendClaim<T>(T Value, bool IsClaimed);

/// <summary>Builds <see cref="SendClaim{T}"/> values.</summary>
public static class SendClaim
{
    /// <summary>The claim is in the attempt's batch: this run sends once it is stored.</summary>
    public static SendClaim<T> Claimed<T>(T value) => new(value, IsClaimed: true);

    /// <summary>This run sends nothing (whatever the batch holds is still stored).</summary>
    public static SendClaim<T> NotClaimed<T>(T value) => new(value, IsClaimed: false);
}
