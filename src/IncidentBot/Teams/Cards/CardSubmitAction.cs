namespace IncidentBot.Teams.Cards;

/// <summary>The pre-1.4 button: arrives as a message activity whose <c>value</c> holds data and inputs.</summary>
public sealed record CardSubmitAction : CardAction
{
    public IReadOnlyDictionary<string, string>? Data { get; init; }
}
