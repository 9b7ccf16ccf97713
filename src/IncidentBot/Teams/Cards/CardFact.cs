namespace IncidentBot.Teams.Cards;

public sealed record CardFact(string Title, string Value);
