using System.Runtime.CompilerServices;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Builds a <see cref="RichText"/> from an interpolated string: literal parts and <c>string</c>
/// values become plain runs, so people's words can never become markup; <see cref="RichText"/> and
/// <see cref="TextRun"/> values are kept. Line breaks in text become <see cref="LineBreakRun"/>s and
/// neighbouring plain runs are merged, so one text always has one shape.
/// </summary>
[InterpolatedStringHandler]
public struct RichTextBuilder
{
    private List<TextRun>? runs;

    public RichTextBuilder(int literalLength, int formattedCount) => runs = null;

    public void AppendLiteral(string value) => AppendText(value);

    public void AppendFormatted(string? value) => AppendText(value);

    public void AppendFormatted(RichText? value)
    {
        if (value is null)
            return;
        foreach (var run in value.Runs)
            Add(run);
    }

    public void AppendFormatted(TextRun? run)
    {
        switch (run)
        {
            case null:
                return;
            case PlainRun plain:
                AppendText(plain.Text);
                return;
            default:
                Add(run);
                return;
        }
    }

    /// <summary>Numbers and other values, formatted with the invariant culture.</summary>
    public void AppendFormatted<T>(T value) where T : IFormattable => AppendText(value.ToString(null, System.Globalization.CultureInfo.InvariantCulture));

    public void AppendFormatted<T>(T value, string? format) where T : IFormattable =>
        AppendText(value.ToString(format, System.Globalization.CultureInfo.InvariantCulture));

    internal readonly RichText Build() => RichText.FromNormalized(runs is null ? [] : [.. runs]);

    private void AppendText(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return;
        var start = 0;
        while (true)
        {
            var newline = text.IndexOf('\n', start);
            var piece = newline < 0 ? text[start..] : text[start..newline];
            if (piece.Length > 0)
                Add(new PlainRun(piece));
            if (newline < 0)
                return;
            Add(new LineBreakRun());
            start = newline + 1;
        }
    }

    private void Add(TextRun run)
    {
        runs ??= [];
        if (run is PlainRun plain && runs.Count > 0 && runs[^1] is PlainRun previous)
            runs[^1] = new PlainRun(previous.Text + plain.Text);
        else if (run is PlainRun { Text.Length: 0 })
            return;
        else
            runs.Add(run);
    }
}
