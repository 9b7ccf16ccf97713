namespace IncidentBot.Teams.Cards;

/// <summary>Text, with Adaptive Card Markdown, <c>&lt;at&gt;</c> mentions and <c>{{DATE()}}</c>/<c>{{TIME()}}</c> functions.</summary>
public sealed record CardTextBlock(string Text) : CardElement
{
    public bool Wrap { get; init; } = true;

    public string? Size { get; init; }

    public string? Weight { get; init; }

    public string? Color { get; init; }

    public bool? IsSubtle { get; init; }
}
