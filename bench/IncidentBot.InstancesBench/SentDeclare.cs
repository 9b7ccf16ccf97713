namespace IncidentBot.InstancesBench;

/// <summary>One declare as sent: its title marker, the instance it went to, when, and whether it was answered with 200.</summary>
internal sealed record SentDeclare(string Marker, int Instance, DateTimeOffset SentAt, double AnswerMs, bool Answered);
