namespace IncidentBot.Dialogs.Trends;

/// <summary>One person's paging load: pages sent to them, acknowledged by them, and how many came at night or on a weekend in their own zone.</summary>
public sealed record PageLoadRow(string User, int Sent, int Acknowledged, int Night, int Weekend);
