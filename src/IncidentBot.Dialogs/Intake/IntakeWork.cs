namespace IncidentBot.Dialogs.Intake;

/// <summary>The kinds of stored work the intake uses.</summary>
public static class IntakeWork
{
    /// <summary>Target: an incident document id. Posts the digest of the reports that joined it since the last one.</summary>
    public const string Digest = "intake-digest";

    /// <summary>Target: a report id. Reacts to the partner's message and answers it in its thread with the incident.</summary>
    public const string Acknowledge = "intake-ack";

    /// <summary>Target: a report id. Keeps its attachment chunks once the report is stored (they expire otherwise).</summary>
    public const string KeepAttachments = "intake-attachments";
}
