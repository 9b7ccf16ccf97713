namespace IncidentBot.Dialogs.Intake.Languages;

/// <summary>The script of a word the detector reads.</summary>
internal enum WordScript
{
    Devanagari,
    Latin,
}
