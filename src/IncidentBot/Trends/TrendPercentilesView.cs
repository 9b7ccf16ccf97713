namespace IncidentBot.Trends;

/// <summary>Nearest-rank p50 and p90 in seconds; null when no incident had the duration.</summary>
public sealed record TrendPercentilesView(long? P50, long? P90);
