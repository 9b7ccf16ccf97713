using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Incidents;
using Microsoft.Extensions.Options;

namespace IncidentBot.Intake;

/// <summary>
/// The key decides the source: <c>Authorization: Bearer &lt;key&gt;</c> is compared, in constant
/// time, with every configured source's key (as SHA-256 digests, so lengths leak nothing). A
/// source with a signing secret must also sign: <c>X-IncidentBot-Signature: sha256=&lt;hex&gt;</c>,
/// HMAC-SHA256 of <c>"&lt;X-IncidentBot-Timestamp&gt;.&lt;raw body&gt;"</c>, with the timestamp (Unix
/// seconds) within five minutes of now. Neither keys nor signatures are ever logged.
/// </summary>
internal sealed class IntakeAuthenticator(IOptionsMonitor<IntakeOptions> options, TimeProvider clock)
{
    public const string TimestampHeader = "X-IncidentBot-Timestamp";
    public const string SignatureHeader = "X-IncidentBot-Signature";
    public const string SignaturePrefix = "sha256=";

    public static readonly TimeSpan SignatureWindow = TimeSpan.FromMinutes(5);

    // The configured keys' digests, hashed once per options value (a reload brings a new value) instead of on every request.
    private volatile KeyTable? _keys;

    /// <summary>The caller the key names, or null for a missing or unknown key.</summary>
    public IntakeCaller? Identify(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return null;
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        IntakeCaller? found = null;
        // Every key is compared, so the time taken says nothing about which one (or whether one) matched.
        foreach (var key in Keys().Entries)
        {
            if (CryptographicOperations.FixedTimeEquals(key.Digest, given) && key.Caller is { } caller)
                found = caller;
        }
        return found;
    }

    private KeyTable Keys()
    {
        var current = options.CurrentValue;
        if (_keys is { } keys && ReferenceEquals(keys.Options, current))
            return keys;
        var built = new KeyTable(current, [.. current.Sources
            .Where(source => source.Value.Key.Length > 0)
            .Select(source => new KeyEntry(
                SHA256.HashData(Encoding.UTF8.GetBytes(source.Value.Key)),
                IncidentSourceText.TryParse(source.Key, out var parsed)
                    ? new IntakeCaller(parsed, parsed.Name(), source.Value.SigningSecret.Length > 0 ? source.Value.SigningSecret : null)
                    : null))]);
        _keys = built;
        return built;
    }

    /// <summary>Null when the request is signed as its source requires; otherwise why not (for the 401's detail).</summary>
    public string? CheckSignature(IntakeCaller caller, HttpRequest request, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (caller.SigningSecret is not { } secret)
            return null;
        var timestampText = request.Headers[TimestampHeader].ToString();
        var signature = request.Headers[SignatureHeader].ToString();
        if (timestampText.Length == 0 || signature.Length == 0)
            return $"This source signs its requests: send {TimestampHeader} and {SignatureHeader}.";
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return $"{TimestampHeader} must be Unix time in seconds.";
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > SignatureWindow)
            return $"{TimestampHeader} is more than five minutes from now: sign each request when it is sent.";
        if (!signature.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            return $"{SignatureHeader} must be sha256=<hex>.";
        var expected = Sign(secret, timestampText, body);
        var givenBytes = Encoding.ASCII.GetBytes(signature[SignaturePrefix.Length..].ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), givenBytes)
            ? null
            : $"{SignatureHeader} does not match the body.";
    }

    /// <summary>Lower-case hex HMAC-SHA256 of <c>"&lt;timestamp&gt;.&lt;body&gt;"</c>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message)).ToLowerInvariant();
    }

    private sealed record KeyTable(IntakeOptions Options, KeyEntry[] Entries);

    /// <param name="Caller">Null for a source name that is not one of ours: its key is compared, and names nobody.</param>
    private sealed record KeyEntry(byte[] Digest, IntakeCaller? Caller);
}
