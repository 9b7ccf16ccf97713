using System.Text.Json.Serialization;

namespace IncidentBot.Teams.Cards;

/// <summary>A button; the <c>type</c> property names the kind.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CardExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(CardSubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(CardOpenUrlAction), "Action.OpenUrl")]
public abstract record CardAction
{
    public required string Title { get; init; }

    /// <summary><c>positive</c> or <c>destructive</c>; null for the default look.</summary>
    public string? Style { get; init; }
}
