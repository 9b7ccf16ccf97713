namespace IncidentBot.Slack.SocketMode;

/// <summary>Where one of the Socket Mode connections stands.</summary>
public enum SocketModeSlotState
{
    Connecting,
    Open,

    /// <summary>Slack asked for a refresh; a new connection is being opened while this one still serves.</summary>
    Replacing,

    /// <summary>Waiting out the backoff before the next attempt.</summary>
    WaitingToReconnect,
}
