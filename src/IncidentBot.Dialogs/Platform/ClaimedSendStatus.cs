namespace IncidentBot.Dialogs.Platform;

public enum ClaimedSendStatus
{
    /// <summary>Claimed, sent and recorded by this run.</summary>
    Sent,
    /// <summary>The claim step decided not to send (sent before, held by another run, nothing due).</summary>
    NotClaimed,
    /// <summary>The claim lost its race <see cref="Storage.DocumentWriter.MaxAttempts"/> times in a row; nothing was sent.</summary>
    Contended,
}
