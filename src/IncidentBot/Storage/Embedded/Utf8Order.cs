using System.Text;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Strings in the order of their UTF-8 bytes, as SQLite's BINARY collation sorts them (an ordinal comparison of
/// UTF-16 code units differs for characters above U+E000 against surrogate pairs): results built in code come out
/// in the order the SQL that built them before gave.
/// </summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static Utf8Order Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
            return x is null ? (y is null ? 0 : -1) : 1;
        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
                return hasLeft ? 1 : hasRight ? -1 : 0;
            // UTF-8 keeps the order of code points.
            var order = left.Current.Value.CompareTo(right.Current.Value);
            if (order != 0)
                return order;
        }
    }
}
