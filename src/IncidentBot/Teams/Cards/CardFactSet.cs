namespace IncidentBot.Teams.Cards;

public sealed record CardFactSet(IReadOnlyList<CardFact> Facts) : CardElement;
