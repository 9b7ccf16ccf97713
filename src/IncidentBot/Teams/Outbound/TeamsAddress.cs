namespace IncidentBot.Teams.Outbound;

/// <summary>A Teams conversation the bot can post to: its Bot Connector, tenant and conversation id.</summary>
public sealed record TeamsAddress(string ServiceUrl, string TenantId, string ConversationId);
