using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The one text form of a ledger time: ISO 8601 UTC with milliseconds,
/// <c>2026-11-25T13:21:12.345Z</c> (24 characters, always three fraction digits, always
/// <c>Z</c>). Fixed width, so comparing the text compares the instants.
/// </summary>
internal static class LedgerTimestamp
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    public const int Length = 24;

    /// <summary>The instant as the ledger keeps it: UTC, cut to whole milliseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static int Write(DateTimeOffset at, Span<byte> destination)
    {
        at.UtcDateTime.TryFormat(destination, out var written, Format, CultureInfo.InvariantCulture);
        return written;
    }

    public static string ToText(DateTimeOffset at) => at.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
}

/// <summary>Reads and writes <see cref="LedgerTimestamp"/> text, whatever the serializer's other settings.</summary>
internal sealed class LedgerTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LedgerTimestamp.TryParse(reader.GetString(), out var at)
            ? at
            : throw new JsonException($"A ledger time is written {LedgerTimestamp.Format}.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[LedgerTimestamp.Length];
        writer.WriteStringValue(text[..LedgerTimestamp.Write(value, text)]);
    }
}
