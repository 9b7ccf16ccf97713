using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Platform-neutral message text: an immutable list of <see cref="TextRun"/>s that the Slack
/// adapter renders as mrkdwn and the Teams adapter as Adaptive Card Markdown. Build it with
/// <see cref="Of"/>: <c>RichText.Of($"{RichText.Bold(title)} declared by {RichText.Mention(user)}")</c>;
/// literal parts and <c>string</c> values become plain runs (escaped when rendered), run and
/// RichText values are kept as they are.
/// </summary>
[JsonConverter(typeof(RichTextJsonConverter))]
public sealed partial class RichText : IEquatable<RichText>
{
    private readonly TextRun[] runs;

    private RichText(TextRun[] runs) => this.runs = runs;

    public static RichText Empty { get; } = new([]);

    public IReadOnlyList<TextRun> Runs => runs;

    public bool IsEmpty => runs.Length == 0;

    public static RichText Of(RichTextBuilder builder) => builder.Build();

    public static RichText From(IEnumerable<TextRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var builder = new RichTextBuilder(0, 0);
        foreach (var run in runs)
            builder.AppendFormatted(run);
        return builder.Build();
    }

    internal static RichText FromNormalized(TextRun[] runs) => runs.Length == 0 ? Empty : new(runs);

    /// <summary>People's words, or any text that must show as written.</summary>
    public static RichText Text(string text) => From([new PlainRun(text)]);

    /// <summary>
    /// People's words that may name people or channels as chat clients write them
    /// (<c>&lt;@U1&gt;</c>, <c>&lt;#C1&gt;</c>, as Slack sends a typed mention): those become mention
    /// and channel runs, everything else plain text. Timeline texts store mentions this way too.
    /// </summary>
    public static RichText WithMentions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new RichTextBuilder(0, 0);
        var position = 0;
        foreach (Match match in ReferencePattern().Matches(text))
        {
            builder.AppendFormatted(text[position..match.Index]);
            var id = match.Value[2..^1];
            builder.AppendFormatted(match.Value[1] == '@' ? new MentionRun(new UserId(id)) : new ChannelRun(new ChannelId(id)));
            position = match.Index + match.Length;
        }
        builder.AppendFormatted(text[position..]);
        return builder.Build();
    }

    /// <summary>
    /// Our own texts kept as strings because they are shown outside chat too (a syntax's summary, a
    /// form field's error): words with command words between backticks, which become code runs.
    /// Unpaired backticks stay words.
    /// </summary>
    public static RichText WithCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('`');
        if (parts.Length % 2 == 0)
            return Text(text);
        var builder = new RichTextBuilder(0, 0);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
                builder.AppendFormatted(new CodeRun(parts[i]));
            else
                builder.AppendFormatted(parts[i]);
        }
        return builder.Build();
    }

    [GeneratedRegex(@"<[@#][A-Za-z0-9:._\-]{1,200}>")]
    private static partial Regex ReferencePattern();

    public static RichText Bold(RichText content) => From([new BoldRun(content)]);

    public static RichText Bold(string text) => Bold(Text(text));

    public static RichText Italic(RichText content) => From([new ItalicRun(content)]);

    public static RichText Italic(string text) => Italic(Text(text));

    public static RichText Code(string text) => From([new CodeRun(text)]);

    /// <summary>A person; the intake of a source is nobody in chat, so it is named in italics instead.</summary>
    public static RichText Mention(UserId user) =>
        user.IsIntake ? Italic($"intake ({user.Value[UserId.IntakePrefix.Length..]})") : From([new MentionRun(user)]);

    public static RichText Channel(ChannelId channel) => From([new ChannelRun(channel)]);

    public static RichText Link(string url, string label) => From([new LinkRun(url, label)]);

    /// <summary>A time each reader sees in their own zone (date and time), UTC where a client cannot localise.</summary>
    public static RichText LocalTime(DateTimeOffset at) =>
        From([new DateRun(at, "{date_short_pretty} {time}", at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC")]);

    public static RichText LineBreak { get; } = new([new LineBreakRun()]);

    public static RichText Join(RichText separator, IEnumerable<RichText> parts)
    {
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(parts);
        var builder = new RichTextBuilder(0, 0);
        var first = true;
        foreach (var part in parts)
        {
            if (!first)
                builder.AppendFormatted(separator);
            builder.AppendFormatted(part);
            first = false;
        }
        return builder.Build();
    }

    public static RichText operator +(RichText left, RichText right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return left.IsEmpty ? right : right.IsEmpty ? left : From([.. left.runs, .. right.runs]);
    }

    /// <summary>Every run, with the runs inside bold and italic runs after their container.</summary>
    public IEnumerable<TextRun> Descendants()
    {
        foreach (var run in runs)
        {
            yield return run;
            var inner = run switch
            {
                BoldRun b => b.Content,
                ItalicRun i => i.Content,
                _ => null,
            };
            if (inner is null)
                continue;
            foreach (var nested in inner.Descendants())
                yield return nested;
        }
    }

    /// <summary>
    /// The words without any markup: mentions as <c>@id</c>, channels as <c>#id</c>, links as
    /// their label, times as their fallback; code keeps its backticks, which read as code in plain
    /// text too (a form field's error, a configuration error). For logs-free places that only need the words (tests,
    /// lengths); platforms render their own plain text with names.
    /// </summary>
    public string ToPlainText()
    {
        var builder = new StringBuilder();
        AppendPlain(builder, this);
        return builder.ToString();
    }

    private static void AppendPlain(StringBuilder builder, RichText text)
    {
        foreach (var run in text.runs)
        {
            switch (run)
            {
                case PlainRun p: builder.Append(p.Text); break;
                case BoldRun b: AppendPlain(builder, b.Content); break;
                case ItalicRun i: AppendPlain(builder, i.Content); break;
                case CodeRun c: builder.Append('`').Append(c.Text).Append('`'); break;
                case MentionRun m: builder.Append('@').Append(m.User.Value); break;
                case ChannelRun c: builder.Append('#').Append(c.Channel.Value); break;
                case LinkRun l: builder.Append(l.Label); break;
                case DateRun d: builder.Append(d.Fallback); break;
                case LineBreakRun: builder.Append('\n'); break;
            }
        }
    }

    public bool Equals(RichText? other) => other is not null && runs.AsSpan().SequenceEqual(other.runs);

    public override bool Equals(object? obj) => Equals(obj as RichText);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var run in runs)
            hash.Add(run);
        return hash.ToHashCode();
    }

    /// <summary>The plain words, so a RichText reads well in test failures and debuggers.</summary>
    public override string ToString() => ToPlainText();
}
