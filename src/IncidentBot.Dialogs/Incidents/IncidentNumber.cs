using System.Globalization;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>The per-workspace incident number, shown as <c>INC-n</c>.</summary>
public readonly record struct IncidentNumber(int Value)
{
    public string Key => $"INC-{Value.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Document id of the incident with this number.</summary>
    public string DocumentId => $"inc-{Value.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => Key;

    /// <summary>Reads <c>INC-12</c>, <c>inc-12</c> or <c>12</c>.</summary>
    public static bool TryParse(string? text, out IncidentNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var span = text.AsSpan().Trim();
        if (span.StartsWith("INC-", StringComparison.OrdinalIgnoreCase))
            span = span[4..];
        else if (span.StartsWith('#'))
            span = span[1..];
        if (!int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            return false;
        number = new IncidentNumber(value);
        return true;
    }

    /// <summary>Reads a document id, <c>inc-12</c>.</summary>
    public static bool TryParseDocumentId(string id, out IncidentNumber number)
    {
        number = default;
        return id.StartsWith("inc-", StringComparison.Ordinal) && TryParse(id[4..], out number);
    }

    /// <summary>True when the text looks like an incident reference (<c>INC-…</c>), valid or not.</summary>
    public static bool LooksLikeKey(string text) => text.StartsWith("INC-", StringComparison.OrdinalIgnoreCase);
}
