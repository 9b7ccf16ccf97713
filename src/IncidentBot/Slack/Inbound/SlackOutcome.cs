namespace IncidentBot.Slack.Inbound;

/// <summary>How a Slack delivery went, as far as Slack needs to know.</summary>
public enum SlackOutcome
{
    /// <summary>Handled (or recognised as a repeat): acknowledge, with the body if there is one.</summary>
    Handled,

    /// <summary>The payload could not be read: over HTTP a 400; over Socket Mode an empty ack (a retry would not read better).</summary>
    Malformed,

    /// <summary>Nothing of it was stored and it failed: do not acknowledge, so Slack delivers it again.</summary>
    NotHandled,
}
