namespace IncidentBot.Teams.Cards;

/// <summary>The card's <c>msteams</c> property: layout and the mentions its text contains.</summary>
public sealed record CardTeamsExtension
{
    public string Width { get; init; } = "Full";

    public IReadOnlyList<CardMention>? Entities { get; init; }
}
