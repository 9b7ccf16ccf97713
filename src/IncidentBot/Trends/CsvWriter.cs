using System.Text;

namespace IncidentBot.Trends;

/// <summary>
/// Writes RFC 4180 CSV: CRLF between records, a field quoted when it holds a comma, a quote, CR or
/// LF, quotes doubled inside. A text field that a spreadsheet would run as a formula (it starts with
/// = + - @, tab or CR) is prefixed with an apostrophe, so an exported title can never execute.
/// A record is built in memory and handed over whole with <see cref="EndRecordAsync"/>: writing
/// field by field to a response's StreamWriter made it flush synchronously when its buffer filled,
/// which Kestrel refuses mid-export.
/// </summary>
internal sealed class CsvWriter(TextWriter output)
{
    private readonly StringBuilder _record = new();
    private bool _isFirstField = true;

    public void Text(string? value)
    {
        if (value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        Raw(value);
    }

    /// <summary>A number or an instant: written as it is (never a formula, never quoted).</summary>
    public void Raw(string? value)
    {
        if (!_isFirstField)
            _record.Append(',');
        _isFirstField = false;
        if (string.IsNullOrEmpty(value))
            return;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _record.Append(value);
            return;
        }
        _record.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    public async Task EndRecordAsync(CancellationToken cancellationToken)
    {
        _record.Append("\r\n");
        await output.WriteAsync(_record, cancellationToken);
        _record.Clear();
        _isFirstField = true;
    }

    public Task HeaderAsync(string[] names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
            Raw(name);
        return EndRecordAsync(cancellationToken);
    }

    /// <summary>UTF-8 without a byte-order mark: RFC 4180 with <c>charset=utf-8</c> says it in the media type.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public const string ContentType = "text/csv; charset=utf-8; header=present";
}
