namespace IncidentBot.Teams.Cards;

public sealed record CardInputToggle : CardElement
{
    public required string Title { get; init; }

    public string? Label { get; init; }

    public string Value { get; init; } = "false";

    public string ValueOn { get; init; } = "true";

    public string ValueOff { get; init; } = "false";
}
