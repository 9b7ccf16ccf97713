namespace IncidentBot.Teams.Cards;

public sealed record CardChoice(string Title, string Value);
