using System.Text;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary>
/// A strict RFC 4180 reader for the tests: records end in CRLF, a quote may appear only around a
/// whole field or doubled inside one, every record has as many fields as the header; anything else
/// throws <see cref="FormatException"/> naming the offset.
/// </summary>
internal static class StrictCsv
{
    public static List<string[]> Read(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new FormatException($"Unclosed quoted field at offset {i}.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                if (i < text.Length && text[i] != ',' && text[i] != '\r')
                    throw new FormatException($"Text after a closing quote at offset {i}.");
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r'))
                {
                    if (text[i] is '"' or '\n')
                        throw new FormatException($"A bare {(text[i] == '"' ? "quote" : "line feed")} in an unquoted field at offset {i}.");
                    field.Append(text[i++]);
                }
            }
            fields.Add(field.ToString());
            field.Clear();
            if (i >= text.Length)
                throw new FormatException("The last record does not end in CRLF.");
            if (text[i] == ',')
            {
                i++;
                continue;
            }
            if (i + 1 >= text.Length || text[i + 1] != '\n')
                throw new FormatException($"A CR without LF at offset {i}.");
            i += 2;
            if (records.Count > 0 && fields.Count != records[0].Length)
                throw new FormatException($"Record {records.Count + 1} has {fields.Count} fields; the header has {records[0].Length}.");
            records.Add([.. fields]);
            fields.Clear();
        }
        return records;
    }
}
