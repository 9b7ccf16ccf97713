using System.Buffers.Text;
using System.Globalization;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Numbers as ECMAScript's Number.prototype.toString writes them (ECMA-262 Number::toString,
/// which RFC 8785 section 3.2.2.3 adopts): the shortest decimal that reads back as the same
/// double, in plain notation from 1e-6 up to but excluding 1e21 and in exponent notation
/// (<c>1e+21</c>, <c>1.5e-7</c>) outside it.
/// </summary>
internal static class EcmaScriptNumber
{
    /// <summary>Room enough for any double: sign, 21 digits or "0." + 6 zeros + 17 digits, or a mantissa and "e-324".</summary>
    public const int MaxLength = 32;

    // 2^53: below it every integral double is an exact long, written digit for digit.
    private const double ExactIntegerLimit = 9007199254740992d;

    public static void Write(double value, ref CanonicalWriter writer)
    {
        var span = writer.Reserve(MaxLength);
        writer.Advance(Format(value, span));
    }

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes); returns the length.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
            throw new CanonicalJsonException("NaN and Infinity have no JSON form (RFC 8785 section 3.2.2.3).");
        if (value == 0)
        {
            destination[0] = (byte)'0'; // -0 too
            return 1;
        }
        if (Math.Abs(value) < ExactIntegerLimit && value == Math.Floor(value))
        {
            Utf8Formatter.TryFormat((long)value, destination, out var written);
            return written;
        }
        return FormatShortest(value, destination);
    }

    private static int FormatShortest(double value, Span<byte> destination)
    {
        // .NET's "R" gives the shortest round-trip digits (as ECMAScript requires); only the
        // layout differs, so take its digits and exponent and lay them out the ECMAScript way.
        Span<byte> text = stackalloc byte[MaxLength];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        text = text[..length];

        Span<byte> digits = stackalloc byte[MaxLength];
        var count = 0;
        var integerDigits = 0;
        var seenPoint = false;
        var exponent = 0;
        var i = text[0] == '-' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
                seenPoint = true;
            else if (c is (byte)'E' or (byte)'e')
            {
                exponent = int.Parse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                digits[count++] = c;
                if (!seenPoint)
                    integerDigits++;
            }
        }

        // value = 0.d1d2...dk x 10^n, with d1 != 0 and dk != 0.
        var n = integerDigits + exponent;
        var start = 0;
        while (digits[start] == '0')
        {
            start++;
            n--;
        }
        var end = count;
        while (digits[end - 1] == '0')
            end--;
        ReadOnlySpan<byte> d = digits[start..end];
        var k = d.Length;

        var o = 0;
        if (value < 0)
            destination[o++] = (byte)'-';
        if (k <= n && n <= 21)
        {
            d.CopyTo(destination[o..]);
            o += k;
            destination.Slice(o, n - k).Fill((byte)'0');
            o += n - k;
        }
        else if (0 < n && n <= 21)
        {
            d[..n].CopyTo(destination[o..]);
            o += n;
            destination[o++] = (byte)'.';
            d[n..].CopyTo(destination[o..]);
            o += k - n;
        }
        else if (-6 < n && n <= 0)
        {
            destination[o++] = (byte)'0';
            destination[o++] = (byte)'.';
            destination.Slice(o, -n).Fill((byte)'0');
            o += -n;
            d.CopyTo(destination[o..]);
            o += k;
        }
        else
        {
            destination[o++] = d[0];
            if (k > 1)
            {
                destination[o++] = (byte)'.';
                d[1..].CopyTo(destination[o..]);
                o += k - 1;
            }
            destination[o++] = (byte)'e';
            var e = n - 1;
            destination[o++] = e < 0 ? (byte)'-' : (byte)'+';
            Utf8Formatter.TryFormat(Math.Abs(e), destination[o..], out var written);
            o += written;
        }
        return o;
    }
}
