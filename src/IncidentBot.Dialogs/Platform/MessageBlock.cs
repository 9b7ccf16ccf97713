using System.Text.Json.Serialization;

namespace IncidentBot.Dialogs.Platform;

/// <summary>One part of a <see cref="ChatMessage"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(TextBlock), "text")]
[JsonDerivedType(typeof(FieldsBlock), "fields")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(ButtonsBlock), "buttons")]
[JsonDerivedType(typeof(ImageBlock), "image")]
public abstract record MessageBlock;

/// <summary>A title: platforms show it as plain text, so only its words count.</summary>
public sealed record HeaderBlock(RichText Text) : MessageBlock;

public sealed record TextBlock(RichText Text) : MessageBlock;

/// <summary>Label/value pairs shown side by side.</summary>
public sealed record FieldsBlock(IReadOnlyList<MessageField> Fields) : MessageBlock;

/// <summary>Small print under the main content.</summary>
public sealed record ContextBlock(RichText Text) : MessageBlock;

public sealed record DividerBlock : MessageBlock;

/// <summary>A row of buttons; <see cref="BlockId"/> ties a press back to what the buttons are about.</summary>
public sealed record ButtonsBlock(string BlockId, IReadOnlyList<MessageButton> Buttons) : MessageBlock;

/// <summary>
/// A picture (a chart) by address: an <c>https</c> URL, or a <c>data:</c> URI where the platform
/// takes one (Teams cards). Where it cannot be shown, its <see cref="AltText"/> is.
/// </summary>
public sealed record ImageBlock(string Url, string AltText) : MessageBlock;

public sealed record MessageField(RichText Label, RichText Value);

public sealed record MessageButton(string ActionId, string Label, string Value, ButtonStyle Style = ButtonStyle.Default);

public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}
