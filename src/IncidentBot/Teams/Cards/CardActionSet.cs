namespace IncidentBot.Teams.Cards;

/// <summary>Buttons inside the body (Universal Actions guidance: wrap Action.Execute this way).</summary>
public sealed record CardActionSet(IReadOnlyList<CardAction> Actions) : CardElement;
