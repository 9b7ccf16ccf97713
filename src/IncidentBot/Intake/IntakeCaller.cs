using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Intake;

/// <summary>Who an intake request is from, as its key says: the source, and the signing secret it must sign with (if any).</summary>
internal sealed record IntakeCaller(IncidentSource Source, string SourceName, string? SigningSecret);
