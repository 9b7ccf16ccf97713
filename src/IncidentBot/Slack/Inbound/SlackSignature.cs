using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IncidentBot.Slack.Inbound;

/// <summary>
/// Slack's v0 request signature: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c>
/// keyed with the signing secret, over the exact bytes received.
/// </summary>
public static class SlackSignature
{
    public const string Version = "v0";

    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var buffer = ArrayPool<byte>.Shared.Rent(prefix.Length + body.Length);
        try
        {
            prefix.CopyTo(buffer, 0);
            body.CopyTo(buffer.AsSpan(prefix.Length));
            var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), buffer.AsSpan(0, prefix.Length + body.Length));
            return Version + "=" + Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Compares in constant time, so the answer's timing reveals nothing about the expected value.</summary>
    public static bool Matches(string signingSecret, string timestamp, ReadOnlySpan<byte> body, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Compute(signingSecret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static bool TryParseTimestamp(string? text, out DateTimeOffset at)
    {
        at = default;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
            return false;
        at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
