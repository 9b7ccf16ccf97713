using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// One piece of a <see cref="RichText"/>. Each platform renders runs in its own markup, so no
/// adapter ever parses another platform's markup, and people's words (a <see cref="PlainRun"/>)
/// are escaped by the renderer and cannot forge a mention or a link.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(PlainRun), "text")]
[JsonDerivedType(typeof(BoldRun), "bold")]
[JsonDerivedType(typeof(ItalicRun), "italic")]
[JsonDerivedType(typeof(CodeRun), "code")]
[JsonDerivedType(typeof(MentionRun), "mention")]
[JsonDerivedType(typeof(ChannelRun), "channel")]
[JsonDerivedType(typeof(LinkRun), "link")]
[JsonDerivedType(typeof(DateRun), "date")]
[JsonDerivedType(typeof(LineBreakRun), "break")]
public abstract record TextRun;

/// <summary>Words shown as written: the renderer escapes whatever its markup would read as markup.</summary>
public sealed record PlainRun(string Text) : TextRun;

public sealed record BoldRun(RichText Content) : TextRun;

public sealed record ItalicRun(RichText Content) : TextRun;

/// <summary>Inline code (command names, clock names): monospace, never formatted.</summary>
public sealed record CodeRun(string Text) : TextRun;

/// <summary>A person, by the id their platform knows them by; the renderer finds the name.</summary>
public sealed record MentionRun(UserId User) : TextRun;

/// <summary>A conversation (Slack channel, Teams incident thread), by id.</summary>
public sealed record ChannelRun(ChannelId Channel) : TextRun;

/// <summary>A web link; <see cref="Label"/> is shown where the platform lets the bot choose.</summary>
public sealed record LinkRun(string Url, string Label) : TextRun;

/// <summary>
/// A moment each reader sees in their own time zone. <see cref="Format"/> uses Slack's
/// date-token words (<c>{date_short_pretty} {time}</c>), which say whether the date, the time or
/// both show; <see cref="Fallback"/> is what a client that cannot localise shows.
/// </summary>
public sealed record DateRun(DateTimeOffset At, string Format, string Fallback) : TextRun;

public sealed record LineBreakRun : TextRun;
