using IncidentBot.Dialogs.Intake;

namespace IncidentBot.Intake;

/// <summary>An e-mailed order as read: the report (without its attachments yet) and the attachments to keep.</summary>
internal sealed record EmailReport(IntakeReport Report, IReadOnlyList<EmailAttachment> Attachments);
