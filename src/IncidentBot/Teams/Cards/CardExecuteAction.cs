namespace IncidentBot.Teams.Cards;

/// <summary>
/// A Universal Action: Teams sends an <c>adaptiveCard/action</c> invoke with the verb, the data
/// and the card's input values, and shows the card the bot answers with.
/// </summary>
public sealed record CardExecuteAction : CardAction
{
    public required string Verb { get; init; }

    public IReadOnlyDictionary<string, string>? Data { get; init; }

    /// <summary>
    /// What a client without Action.Execute shows instead (an Action.Submit with the same data).
    /// Typed as the base so the serialiser writes its <c>type</c>: a fallback without one is not
    /// an action at all, and such a client would show no button.
    /// </summary>
    public CardAction? Fallback { get; init; }
}
