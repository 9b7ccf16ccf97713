namespace IncidentBot.Teams.Cards;

/// <summary>
/// A Universal Action: Teams sends an <c>adaptiveCard/action</c> invoke with the verb, the data
/// and the card's input values, and shows the card the bot answers with.
/// </summary>
public sealed record CardExecuteAction : CardAction
{
    public required string Verb { get; init; }

    public IReadOnlyDictionary<string, string>? Data { get; init; }

    /// <summary>What older clients without Action.Execute do instead (an Action.Submit with the same data).</summary>
    public CardSubmitAction? Fallback { get; init; }
}
