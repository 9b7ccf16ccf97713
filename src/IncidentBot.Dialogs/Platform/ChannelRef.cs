using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Platform;

/// <summary>A channel the platform created, with the name it actually got.</summary>
public sealed record ChannelRef(ChannelId Id, string Name);
