namespace IncidentBot.Teams.Cards;

/// <summary>An image by URL (https, or a <c>data:</c> URI, which Teams renders inline); <see cref="AltText"/> for screen readers.</summary>
public sealed record CardImage(string Url) : CardElement
{
    public string? AltText { get; init; }

    /// <summary><c>Auto</c>, <c>Stretch</c>, <c>Small</c>, <c>Medium</c> or <c>Large</c>.</summary>
    public string? Size { get; init; }
}
