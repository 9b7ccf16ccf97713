namespace IncidentBot.Teams.Cards;

public sealed record CardInputChoiceSet : CardElement
{
    public required string Label { get; init; }

    public required IReadOnlyList<CardChoice> Choices { get; init; }

    public string? Value { get; init; }

    /// <summary><c>compact</c> (a drop-down) or <c>expanded</c> (radio buttons).</summary>
    public string Style { get; init; } = "compact";

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}
