namespace IncidentBot.Slack.Inbound;

/// <summary>
/// How a command or interaction is recognised when it comes again: the key of its claim in the
/// <c>DeliveryLedger</c> and how long the claim is kept. Over HTTP the key is the request's
/// signature (a replayed request); over Socket Mode it is the payload's own id (Slack re-sends an
/// unacknowledged envelope). <paramref name="Retry"/> is only for the log line.
/// </summary>
public sealed record SlackDelivery(string ReplayKey, TimeSpan Remember, string Retry = "0");
