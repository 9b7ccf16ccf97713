using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Intake;

/// <summary>The chat message a report came from (a partner's post in a shared channel), to react to and answer in its thread.</summary>
/// <param name="Platform"><c>slack</c> or <c>teams</c>.</param>
/// <param name="Channel">The conversation of the message (on Teams, the thread's conversation id).</param>
/// <param name="MessageId">Slack <c>ts</c>, Teams activity id.</param>
public sealed record ReportOrigin(PlatformId Platform, string Channel, string MessageId);
