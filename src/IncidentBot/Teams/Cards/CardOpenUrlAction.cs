namespace IncidentBot.Teams.Cards;

public sealed record CardOpenUrlAction(string Url) : CardAction;
