namespace IncidentBot.Teams.Cards;

public sealed record CardInputText : CardElement
{
    public required string Label { get; init; }

    public string? Placeholder { get; init; }

    public string? Value { get; init; }

    public int? MaxLength { get; init; }

    public bool? IsMultiline { get; init; }

    public bool? IsRequired { get; init; }

    /// <summary>Shown by the client when <see cref="IsRequired"/> fails; server-side errors are TextBlocks.</summary>
    public string? ErrorMessage { get; init; }
}
