namespace IncidentBot.Dialogs.StepDialogs;

/// <summary>What became of a message offered to the dialog runner.</summary>
public enum DialogOutcome
{
    /// <summary>No dialog is waiting for this person here: handle the message as a command.</summary>
    NoDialog,

    /// <summary>The dialog took the message and answered.</summary>
    Answered,

    /// <summary>A dialog was waiting but has expired; it is gone now.</summary>
    Expired,
}
