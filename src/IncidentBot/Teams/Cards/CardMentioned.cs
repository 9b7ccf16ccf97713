namespace IncidentBot.Teams.Cards;

public sealed record CardMentioned(string Id, string Name);
