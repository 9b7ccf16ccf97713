namespace IncidentBot.Dialogs.Trends;

/// <summary>Incidents with key <see cref="Key"/> of one cut and <see cref="Series"/> of another (incidents per week by source).</summary>
public sealed record TrendCrossCount(string Key, string Series, int Incidents);
