using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IncidentBot.Api;

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;key&gt;</c> when the key is one of <see cref="ApiOptions.Keys"/>
/// (name <c>api-key-{index}</c>, scope <c>read</c>) or <see cref="ApiOptions.ScopedKeys"/> (name
/// <c>{name}</c>, its scopes and <c>read</c>). The scopes are <see cref="ApiScopes.ClaimType"/> claims.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiOptions> apiOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());
        var given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        // Compare against every key in constant time, so timing reveals neither key nor position.
        string? matched = null;
        IReadOnlyList<string> scopes = [];
        var options = apiOptions.CurrentValue;
        for (var i = 0; i < options.Keys.Count; i++)
        {
            if (Matches(options.Keys[i], given))
                (matched, scopes) = ($"api-key-{i}", [ApiScopes.Read]);
        }
        foreach (var (name, key) in options.ScopedKeys)
        {
            if (Matches(key.Key, given))
                (matched, scopes) = (name, ApiScopes.Parse(key.Scopes, out _));
        }
        if (matched is null)
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        var claims = new List<Claim> { new(ClaimTypes.Name, matched) };
        // Every scope includes reading the API.
        foreach (var scope in scopes.Append(ApiScopes.Read).Distinct(StringComparer.Ordinal))
            claims.Add(new Claim(ApiScopes.ClaimType, scope));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static bool Matches(string key, byte[] given) =>
        key.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), given);
}
