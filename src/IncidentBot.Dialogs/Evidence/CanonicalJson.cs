using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): the one byte sequence a JSON value has, so
/// that a hash of it can be recomputed by anyone with any JCS implementation. Object members
/// are sorted by their names' UTF-16 code units, there is no whitespace, strings escape only
/// <c>"</c>, <c>\</c> and control characters (<c>\b \f \n \r \t</c>, others as lowercase
/// <c>\u00xx</c>), numbers are written as ECMAScript writes doubles, and the output is UTF-8.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Deepest nesting accepted, the same as <see cref="JsonDocument"/>'s default.</summary>
    public const int MaxDepth = 64;

    // Characters a JCS string must escape; everything else, '/' and non-ASCII included, is written as is.
    private static readonly SearchValues<char> MustEscapeChars = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\");

    private static readonly SearchValues<byte> Digits = SearchValues.Create("0123456789"u8);

    public static byte[] Serialize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(element, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Serialize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(node, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="CanonicalJsonException">The value has no canonical form.</exception>
    public static void Write(JsonElement element, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new CanonicalWriter(output);
        WriteElement(element, ref writer, 0);
        writer.Flush();
    }

    /// <exception cref="CanonicalJsonException">The value has no canonical form.</exception>
    public static void Write(JsonNode? node, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new CanonicalWriter(output);
        WriteNode(node, ref writer, 0);
        writer.Flush();
    }

    internal static void WriteElement(JsonElement element, ref CanonicalWriter writer, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, ref writer, depth + 1);
                break;
            case JsonValueKind.Array:
                CheckDepth(depth + 1);
                writer.Write((byte)'[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                        writer.Write((byte)',');
                    first = false;
                    WriteElement(item, ref writer, depth + 1);
                }
                writer.Write((byte)']');
                break;
            case JsonValueKind.String:
                WriteStringElement(element, ref writer);
                break;
            case JsonValueKind.Number:
                WriteNumberText(JsonMarshal.GetRawUtf8Value(element), ref writer);
                break;
            case JsonValueKind.True:
                writer.Write("true"u8);
                break;
            case JsonValueKind.False:
                writer.Write("false"u8);
                break;
            case JsonValueKind.Null:
                writer.Write("null"u8);
                break;
            default:
                throw new CanonicalJsonException("An undefined JSON element has no canonical form.");
        }
    }

    /// <summary>Writes <paramref name="value"/> as a JCS string, quotes included.</summary>
    internal static void WriteString(ReadOnlySpan<char> value, ref CanonicalWriter writer)
    {
        writer.Write((byte)'"');
        while (!value.IsEmpty)
        {
            var stop = value.IndexOfAny(MustEscapeChars);
            var run = stop < 0 ? value : value[..stop];
            WriteUtf8(run, ref writer);
            if (stop < 0)
                break;
            WriteEscape(value[stop], ref writer);
            value = value[(stop + 1)..];
        }
        writer.Write((byte)'"');
    }

    private static void WriteObject(JsonElement element, ref CanonicalWriter writer, int depth)
    {
        CheckDepth(depth);
        var count = element.GetPropertyCount();
        if (count == 0)
        {
            writer.Write("{}"u8);
            return;
        }
        var members = ArrayPool<JsonProperty>.Shared.Rent(count);
        try
        {
            var n = 0;
            foreach (var property in element.EnumerateObject())
                members[n++] = property;
            var sorted = members.AsSpan(0, n);
            Sort(sorted);
            writer.Write((byte)'{');
            for (var i = 0; i < sorted.Length; i++)
            {
                if (i > 0)
                {
                    if (default(PropertyOrder).Compare(sorted[i - 1], sorted[i]) == 0)
                        throw new CanonicalJsonException("Duplicate property names have no canonical form (I-JSON, RFC 7493 section 2.3).");
                    writer.Write((byte)',');
                }
                WritePropertyName(sorted[i], ref writer);
                writer.Write((byte)':');
                WriteElement(sorted[i].Value, ref writer, depth);
            }
            writer.Write((byte)'}');
        }
        finally
        {
            // Cleared so the pool does not keep the caller's document alive.
            ArrayPool<JsonProperty>.Shared.Return(members, clearArray: true);
        }
    }

    private static void Sort(Span<JsonProperty> members)
    {
        if (members.Length > 16)
        {
            members.Sort(default(PropertyOrder));
            return;
        }
        // Most objects have a handful of members: an insertion sort, with no comparer boxed.
        for (var i = 1; i < members.Length; i++)
        {
            var member = members[i];
            var j = i - 1;
            while (j >= 0 && default(PropertyOrder).Compare(members[j], member) > 0)
            {
                members[j + 1] = members[j];
                j--;
            }
            members[j + 1] = member;
        }
    }

    private static void WritePropertyName(JsonProperty property, ref CanonicalWriter writer)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0)
            WriteUnescapedUtf8(raw, ref writer);
        else
            WriteString(Unescape(property), ref writer);
    }

    private static string Unescape(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw new CanonicalJsonException("A name with a lone surrogate has no canonical form.", e);
        }
    }

    private static void WriteStringElement(JsonElement element, ref CanonicalWriter writer)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var content = raw[1..^1]; // the raw value keeps its quotes
        if (content.IndexOf((byte)'\\') < 0)
        {
            WriteUnescapedUtf8(content, ref writer);
            return;
        }
        string text;
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new CanonicalJsonException("A string with a lone surrogate has no canonical form.", e);
        }
        WriteString(text, ref writer);
    }

    /// <summary>
    /// JSON text without backslashes holds neither quotes nor control characters (a parser
    /// rejects them raw), so its bytes are already the canonical content once known to be UTF-8.
    /// </summary>
    private static void WriteUnescapedUtf8(ReadOnlySpan<byte> content, ref CanonicalWriter writer)
    {
        if (!Utf8.IsValid(content))
            throw new CanonicalJsonException("A string that is not valid UTF-8 has no canonical form.");
        writer.Write((byte)'"');
        writer.Write(content);
        writer.Write((byte)'"');
    }

    private static void WriteUtf8(ReadOnlySpan<char> run, ref CanonicalWriter writer)
    {
        while (!run.IsEmpty)
        {
            var chunk = run.Length <= 1024 ? run : run[..1024];
            if (chunk.Length < run.Length && char.IsHighSurrogate(chunk[^1]))
                chunk = chunk[..^1]; // keep a surrogate pair in one piece
            var span = writer.Reserve(chunk.Length * 3);
            var status = Utf8.FromUtf16(chunk, span, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
                throw new CanonicalJsonException("A string with a lone surrogate has no canonical form.");
            writer.Advance(written);
            run = run[read..];
        }
    }

    private static void WriteEscape(char c, ref CanonicalWriter writer)
    {
        var span = writer.Reserve(6);
        span[0] = (byte)'\\';
        var shortForm = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\b' => (byte)'b',
            '\f' => (byte)'f',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            span[1] = shortForm;
            writer.Advance(2);
            return;
        }
        "u00"u8.CopyTo(span[1..]);
        span[4] = HexDigit(c >> 4);
        span[5] = HexDigit(c & 0xF);
        writer.Advance(6);
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    /// <summary>
    /// A number as it appeared in JSON text. Short integers are already canonical; anything
    /// else is read as a double and written as ECMAScript would (<c>4.50</c> → <c>4.5</c>).
    /// </summary>
    private static void WriteNumberText(ReadOnlySpan<byte> text, ref CanonicalWriter writer)
    {
        var digits = text[0] == '-' ? text[1..] : text;
        if (digits.Length <= 15 && digits.IndexOfAnyExcept(Digits) < 0)
        {
            if (digits is [(byte)'0'])
                writer.Write((byte)'0'); // -0 is 0
            else
                writer.Write(text);
            return;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new CanonicalJsonException("A number that is not an IEEE-754 double has no canonical form.");
        if (!double.IsFinite(value))
            throw new CanonicalJsonException("A number beyond the range of an IEEE-754 double has no canonical form.");
        EcmaScriptNumber.Write(value, ref writer);
    }

    private static void WriteNode(JsonNode? node, ref CanonicalWriter writer, int depth)
    {
        switch (node)
        {
            case null:
                writer.Write("null"u8);
                break;
            case JsonObject obj:
                WriteNodeObject(obj, ref writer, depth + 1);
                break;
            case JsonArray array:
                CheckDepth(depth + 1);
                writer.Write((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        writer.Write((byte)',');
                    WriteNode(array[i], ref writer, depth + 1);
                }
                writer.Write((byte)']');
                break;
            case JsonValue value:
                WriteNodeValue(value, ref writer, depth);
                break;
            default:
                throw new CanonicalJsonException($"A {node.GetType().Name} has no canonical form.");
        }
    }

    private static void WriteNodeObject(JsonObject obj, ref CanonicalWriter writer, int depth)
    {
        CheckDepth(depth);
        if (obj.Count == 0)
        {
            writer.Write("{}"u8);
            return;
        }
        var members = ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Rent(obj.Count);
        try
        {
            var n = 0;
            foreach (var member in obj)
                members[n++] = member;
            var sorted = members.AsSpan(0, n);
            sorted.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            writer.Write((byte)'{');
            for (var i = 0; i < sorted.Length; i++)
            {
                if (i > 0)
                {
                    if (string.Equals(sorted[i - 1].Key, sorted[i].Key, StringComparison.Ordinal))
                        throw new CanonicalJsonException("Duplicate property names have no canonical form (I-JSON, RFC 7493 section 2.3).");
                    writer.Write((byte)',');
                }
                WriteString(sorted[i].Key, ref writer);
                writer.Write((byte)':');
                WriteNode(sorted[i].Value, ref writer, depth);
            }
            writer.Write((byte)'}');
        }
        finally
        {
            ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Return(members, clearArray: true);
        }
    }

    private static void WriteNodeValue(JsonValue value, ref CanonicalWriter writer, int depth)
    {
        // Values parsed from text are backed by a JsonElement; values built in code hold a CLR
        // value. The common CLR types are written directly, anything else through its JSON text.
        if (value.TryGetValue<JsonElement>(out var element))
            WriteElement(element, ref writer, depth);
        else if (value.TryGetValue<string>(out var text))
            WriteString(text, ref writer);
        else if (value.TryGetValue<double>(out var number))
            EcmaScriptNumber.Write(number, ref writer);
        else if (value.TryGetValue<int>(out var small))
            EcmaScriptNumber.Write(small, ref writer);
        else if (value.TryGetValue<long>(out var large))
            EcmaScriptNumber.Write(large, ref writer);
        else if (value.TryGetValue<bool>(out var flag))
            writer.Write(flag ? "true"u8 : "false"u8);
        else
            WriteThroughText(value, ref writer, depth);
    }

    /// <summary>
    /// Other CLR values (float, decimal, DateTimeOffset, Guid...) go through the JSON text they
    /// serialise to, which is what JCS canonicalizes: a float 0.1 is the text 0.1, the double 0.1.
    /// </summary>
    private static void WriteThroughText(JsonValue value, ref CanonicalWriter writer, int depth)
    {
        var text = new ArrayBufferWriter<byte>(64);
        using (var json = new Utf8JsonWriter(text))
            value.WriteTo(json);
        using var document = JsonDocument.Parse(text.WrittenMemory);
        WriteElement(document.RootElement, ref writer, depth);
    }

    private static void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
            throw new CanonicalJsonException($"JSON nested deeper than {MaxDepth} levels is refused.");
    }

    /// <summary>
    /// Orders members by their names' UTF-16 code units (RFC 8785 section 3.2.3) without
    /// making strings: UTF-8 bytes sort by code point, which agrees with UTF-16 except that
    /// supplementary characters (surrogate pairs, 0xD800..) come before U+E000..U+FFFF.
    /// </summary>
    private readonly struct PropertyOrder : IComparer<JsonProperty>
    {
        public int Compare(JsonProperty x, JsonProperty y)
        {
            var a = JsonMarshal.GetRawUtf8PropertyName(x);
            var b = JsonMarshal.GetRawUtf8PropertyName(y);
            if (a.IndexOf((byte)'\\') >= 0 || b.IndexOf((byte)'\\') >= 0)
                return string.CompareOrdinal(Unescape(x), Unescape(y));
            return CompareUtf8AsUtf16(a, b);
        }
    }

    internal static int CompareUtf8AsUtf16(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var common = a.CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
            return a.Length.CompareTo(b.Length);
        var start = common;
        while (start > 0 && (a[start] & 0xC0) == 0x80)
            start--; // back to the first byte of the character that differs
        if (Rune.DecodeFromUtf8(a[start..], out var ra, out _) != OperationStatus.Done
            || Rune.DecodeFromUtf8(b[start..], out var rb, out _) != OperationStatus.Done)
            return a[common].CompareTo(b[common]);
        return Utf16Rank(ra.Value).CompareTo(Utf16Rank(rb.Value));
    }

    // Where a character's first UTF-16 code unit puts it: supplementary characters start with a
    // high surrogate (0xD800..0xDBFF), so they rank between U+D7FF and U+E000.
    private static int Utf16Rank(int codePoint) =>
        codePoint < 0xD800 ? codePoint
        : codePoint >= 0x10000 ? 0xD800 + (codePoint - 0x10000)
        : codePoint + 0x110000;
}
