namespace IncidentBot.InstancesBench;

/// <summary>
/// One measured escalation: the declare that started it, when its first page fell due (from the
/// store), when responder two's DM arrived, and how many DMs each responder got about it.
/// </summary>
internal sealed record Escalation(SentDeclare Declare, DateTimeOffset? Due, DateTimeOffset? EscalatedAt, int DmsToFirst, int DmsToSecond)
{
    public double? LatenessMs => Due is { } due && EscalatedAt is { } at ? (at - due).TotalMilliseconds : null;
}
