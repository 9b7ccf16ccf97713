namespace IncidentBot.Dialogs.Trends;

/// <summary>A clock as trends count it: met, breached, or neither yet.</summary>
public readonly record struct TrendClockOutcome(string Name, bool Met, bool Breached);
