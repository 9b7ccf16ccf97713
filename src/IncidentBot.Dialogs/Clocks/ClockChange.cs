namespace IncidentBot.Dialogs.Clocks;

/// <summary>A clock after a command changed it, and whether an existing clock was started again.</summary>
public sealed record ClockChange(Clock Clock, bool IsRestart);
