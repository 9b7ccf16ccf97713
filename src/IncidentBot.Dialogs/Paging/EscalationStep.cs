namespace IncidentBot.Dialogs.Paging;

/// <summary>Page <see cref="Target"/>, then wait <see cref="Wait"/> for an acknowledgement before the next step.</summary>
public sealed record EscalationStep(StepTarget Target, TimeSpan Wait);
