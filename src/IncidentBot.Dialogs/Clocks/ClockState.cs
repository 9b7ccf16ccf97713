namespace IncidentBot.Dialogs.Clocks;

public enum ClockState
{
    Running,
    Paused,
    /// <summary>Met within the window.</summary>
    Met,
    /// <summary>Met, but after the window ended.</summary>
    MetLate,
    /// <summary>The window ended and it was not met.</summary>
    Breached,
}
