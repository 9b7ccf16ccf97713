namespace IncidentBot.Teams.Conversations;

public sealed record TeamsFanOutCopy(string Person, string ConversationId, string ActivityId, string ServiceUrl);
