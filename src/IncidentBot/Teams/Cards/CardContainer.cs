namespace IncidentBot.Teams.Cards;

public sealed record CardContainer(IReadOnlyList<CardElement> Items) : CardElement
{
    /// <summary><c>emphasis</c>, <c>good</c>, <c>attention</c>, <c>warning</c>, <c>accent</c>.</summary>
    public string? Style { get; init; }
}
