using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Platform;

/// <summary>A posted message: its channel and the platform's id for it (Slack <c>ts</c>, Teams activity id).</summary>
public sealed record MessageRef(ChannelId Channel, string MessageId);
