namespace IncidentBot.Intake;

/// <summary>The answer to a batch: one result per report, in the order they were sent.</summary>
public sealed record IntakeBatchAnswer(IReadOnlyList<IntakeBatchItemAnswer> Results);
