using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Evidence;

namespace IncidentBot.Dialogs.Tests.Evidence;

/// <summary>RFC 8785 (JCS) vectors, and ECMAScript's number text for thousands of doubles (es-numbers.txt, made by node).</summary>
public sealed class CanonicalJsonTests
{
    [Fact]
    public void Writes_the_rfc_8785_section_3_2_2_example_byte_for_byte()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        Assert.Equal(Encoding.UTF8.GetBytes(expected), FromElement(input));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), FromNode(input));
    }

    [Fact]
    public void Sorts_properties_by_utf16_code_units_as_in_rfc_8785_section_3_2_3()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        // The emoji (a surrogate pair, 0xD83D...) sorts before U+FB33 although its code point is larger.
        const string expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
            + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

        Assert.Equal(expected, Encoding.UTF8.GetString(FromElement(input)));
        Assert.Equal(expected, Encoding.UTF8.GetString(FromNode(input)));
    }

    [Fact]
    public void Sorts_raw_and_escaped_names_alike()
    {
        // Raw UTF-8 names are compared as bytes with a UTF-16 correction; escaped ones as strings.
        const string raw = "{\"\uffff\":1,\"\ud800\udc00\":2,\"\ue000\":3,\"\ud7ff\":4,\"z\":5}";
        const string escaped = "{\"\\uffff\":1,\"\\ud800\\udc00\":2,\"\\ue000\":3,\"\\ud7ff\":4,\"z\":5}";
        const string expected = "{\"z\":5,\"\ud7ff\":4,\"\ud800\udc00\":2,\"\ue000\":3,\"\uffff\":1}";

        Assert.Equal(expected, Encoding.UTF8.GetString(FromElement(raw)));
        Assert.Equal(expected, Encoding.UTF8.GetString(FromElement(escaped)));
        Assert.Equal(expected, Encoding.UTF8.GetString(FromNode(raw)));
    }

    [Fact]
    public void Sorts_nested_objects_and_keeps_array_order()
    {
        const string input = """{ "b": [ {"z": 1, "a": {"y": [3, 2, 1], "x": {}}}, [] ], "a": "" }""";

        Assert.Equal("""{"a":"","b":[{"a":{"x":{},"y":[3,2,1]},"z":1},[]]}""", Encoding.UTF8.GetString(FromElement(input)));
        Assert.Equal("""{"a":"","b":[{"a":{"x":{},"y":[3,2,1]},"z":1},[]]}""", Encoding.UTF8.GetString(FromNode(input)));
    }

    // RFC 8785 appendix B: IEEE-754 bit patterns and their canonical text.
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Writes_numbers_as_the_rfc_8785_appendix_b_table(string bits, string expected)
    {
        var value = Bits(bits);

        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonValue.Create(value))));
        Assert.Equal(expected, Encoding.UTF8.GetString(FromElement(value.ToString("R", CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("7fffffffffffffff")] // NaN
    [InlineData("7ff0000000000000")] // Infinity
    [InlineData("fff0000000000000")] // -Infinity
    public void Refuses_nan_and_infinity_as_the_rfc_8785_appendix_b_table_says(string bits)
    {
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(JsonValue.Create(Bits(bits))));
    }

    [Fact]
    public void Refuses_a_number_beyond_the_range_of_a_double()
    {
        Assert.Throws<CanonicalJsonException>(() => FromElement("[1e400]"));
    }

    [Fact]
    public void Writes_thousands_of_doubles_as_ecmascript_number_to_string_does()
    {
        var vectors = File.ReadLines(Path.Combine(TestFolder(), "es-numbers.txt"))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToList();

        Assert.True(vectors.Count > 6000);
        Assert.All(vectors, vector =>
        {
            var value = Bits(vector[0]);
            Assert.Equal(vector[1], Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonValue.Create(value))));
            Assert.Equal(vector[1], Encoding.UTF8.GetString(FromElement(value.ToString("E16", CultureInfo.InvariantCulture))));
        });
    }

    [Theory]
    [InlineData("1.0", "1")]
    [InlineData("1e0", "1")]
    [InlineData("10e-1", "1")]
    [InlineData("0.1e1", "1")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("1E30", "1e+30")]
    [InlineData("0.0000010", "0.000001")]
    [InlineData("123456789012345678", "123456789012345680")]
    [InlineData("999999999999999", "999999999999999")]
    [InlineData("-42", "-42")]
    [InlineData("100000000000000000000", "100000000000000000000")]
    public void Writes_every_spelling_of_a_number_as_its_one_canonical_text(string spelling, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(FromElement(spelling)));
    }

    [Fact]
    public void Writes_integers_and_other_clr_numbers_as_the_double_they_denote()
    {
        var node = new JsonArray(JsonValue.Create(42), JsonValue.Create(9007199254740993L), JsonValue.Create(0.1f), JsonValue.Create(4.50m), JsonValue.Create((byte)7));

        Assert.Equal("[42,9007199254740992,0.1,4.5,7]", Encoding.UTF8.GetString(CanonicalJson.Serialize(node)));
    }

    [Fact]
    public void Escapes_only_quote_backslash_and_control_characters()
    {
        var text = new StringBuilder();
        for (var c = 0; c < 0x20; c++)
            text.Append((char)c);
        text.Append("\"\\/\u007f\u2028\u00e9\ud83d\ude00 नेपाल");

        var written = Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonValue.Create(text.ToString())));

        Assert.Equal(
            "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
            + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
            + "\\\"\\\\/\u007f\u2028\u00e9\ud83d\ude00 नेपाल\"",
            written);
    }

    [Fact]
    public void Unescapes_strings_from_json_text_before_writing_them_canonically()
    {
        Assert.Equal("[\"/é\\n\ud83d\ude00A\"]", Encoding.UTF8.GetString(FromElement("[\"\\/\\u00e9\\u000A\\ud83d\\ude00\\u0041\"]")));
    }

    [Fact]
    public void Writes_a_long_string_with_surrogate_pairs_across_its_chunks_intact()
    {
        var text = string.Concat(Enumerable.Repeat("a\ud83d\ude00", 3000));

        var written = CanonicalJson.Serialize(JsonValue.Create(text));

        Assert.Equal("\"" + text + "\"", Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Refuses_a_lone_surrogate()
    {
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(JsonValue.Create("a\ud800b")));
        Assert.Throws<CanonicalJsonException>(() => FromElement("[\"\\ud800\"]"));
        Assert.Throws<CanonicalJsonException>(() => FromElement("{\"\\udc00\":1}"));
    }

    [Fact]
    public void Refuses_a_string_that_is_not_utf8()
    {
        var json = "[\"ab\"]"u8.ToArray();
        json[3] = 0xFF;

        var error = Record.Exception(() => { using var document = JsonDocument.Parse(json); CanonicalJson.Serialize(document.RootElement); });

        Assert.True(error is CanonicalJsonException or JsonException, error?.GetType().Name ?? "accepted");
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    public void Refuses_duplicate_property_names(string json)
    {
        Assert.Throws<CanonicalJsonException>(() => FromElement(json));
    }

    [Fact]
    public void Refuses_nesting_deeper_than_the_limit()
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < CanonicalJson.MaxDepth + 1; i++)
            node = new JsonArray(node);

        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(node));
    }

    [Fact]
    public void Writes_literals_and_empty_containers()
    {
        Assert.Equal("[null,true,false,{},[],\"\"]", Encoding.UTF8.GetString(FromElement("[ null , true , false , { } , [ ] , \"\" ]")));
        Assert.Equal("null", Encoding.UTF8.GetString(CanonicalJson.Serialize((JsonNode?)null)));
    }

    [Fact]
    public void Canonical_text_read_back_is_written_unchanged()
    {
        const string input = """{"numbers":[1e-7,-0.5,123.456,5e-324],"text":"\u0000 é \ud83d\ude00","nested":{"b":[true],"a":null}}""";
        var once = FromElement(input);

        Assert.Equal(once, FromElement(Encoding.UTF8.GetString(once)));
    }

    [Fact]
    public void Random_documents_read_as_elements_or_nodes_give_the_same_sorted_bytes_and_read_back_unchanged()
    {
        var random = new Random(8785);
        for (var i = 0; i < 500; i++)
        {
            var document = new JsonArray(RandomValue(random, depth: 0)).ToJsonString();

            var fromElement = FromElement(document);

            Assert.Equal(fromElement, FromNode(document));
            Assert.Equal(fromElement, FromElement(Encoding.UTF8.GetString(fromElement)));
            AssertSorted(JsonNode.Parse(fromElement));
        }
    }

    private static readonly string[] Names = ["a", "b", "aa", "A", "\r", "1", "é", "€", "\ud83d\ude00", "\ufb33", "\uffff", "नेपाल", "\"q\"", ""];

    private static JsonNode? RandomValue(Random random, int depth)
    {
        switch (random.Next(depth >= 4 ? 4 : 6))
        {
            case 0:
                return JsonValue.Create(Names[random.Next(Names.Length)] + (char)random.Next(0x20, 0x7f) + (char)random.Next(0, 0x20));
            case 1:
                double number;
                do
                    number = BitConverter.Int64BitsToDouble(random.NextInt64());
                while (!double.IsFinite(number));
                return JsonValue.Create(random.Next(3) == 0 ? Math.Round(number % 1e6, random.Next(4)) : number);
            case 2:
                return random.Next(2) == 0 ? JsonValue.Create(random.Next(2) == 0) : null;
            case 3:
                return JsonValue.Create(random.Next(-1000, 1000));
            case 4:
                var array = new JsonArray();
                for (var i = random.Next(4); i > 0; i--)
                    array.Add(RandomValue(random, depth + 1));
                return array;
            default:
                var obj = new JsonObject();
                for (var i = random.Next(6); i > 0; i--)
                    obj[Names[random.Next(Names.Length)] + random.Next(3)] = RandomValue(random, depth + 1);
                return obj;
        }
    }

    private static void AssertSorted(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            var keys = obj.Select(member => member.Key).ToList();
            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
            foreach (var member in obj)
                AssertSorted(member.Value);
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
                AssertSorted(item);
        }
    }

    private static byte[] FromElement(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CanonicalJson.Serialize(document.RootElement);
    }

    private static byte[] FromNode(string json) => CanonicalJson.Serialize(JsonNode.Parse(json));

    private static double Bits(string hex) =>
        BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(hex)));

    private static string TestFolder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
