using System.Text.Json.Serialization;

namespace IncidentBot.Teams.Cards;

/// <summary>An element of a card body; the <c>type</c> property names the kind.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CardTextBlock), "TextBlock")]
[JsonDerivedType(typeof(CardFactSet), "FactSet")]
[JsonDerivedType(typeof(CardContainer), "Container")]
[JsonDerivedType(typeof(CardActionSet), "ActionSet")]
[JsonDerivedType(typeof(CardInputText), "Input.Text")]
[JsonDerivedType(typeof(CardInputChoiceSet), "Input.ChoiceSet")]
[JsonDerivedType(typeof(CardInputToggle), "Input.Toggle")]
[JsonDerivedType(typeof(CardImage), "Image")]
public abstract record CardElement
{
    public string? Id { get; init; }

    /// <summary>Draws a line above the element (how a divider is drawn).</summary>
    public bool? Separator { get; init; }

    public string? Spacing { get; init; }
}
