namespace IncidentBot.Slack.Inbound;

/// <summary>Why a request was or was not accepted as coming from Slack.</summary>
public enum SlackVerification
{
    Valid,
    MissingHeaders,
    MalformedTimestamp,
    StaleTimestamp,
    BadSignature,
}
