namespace IncidentBot.Intake;

/// <summary>An attachment as decoded from the message, before it is kept.</summary>
internal sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
