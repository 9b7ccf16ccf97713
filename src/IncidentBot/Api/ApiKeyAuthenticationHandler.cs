using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IncidentBot.Api;

/// <summary>Accepts <c>Authorization: Bearer &lt;key&gt;</c> when the key is one of <see cref="ApiOptions.Keys"/>.</summary>
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
        var matched = -1;
        var keys = apiOptions.CurrentValue.Keys;
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(keys[i]), given))
                matched = i;
        }
        if (matched < 0)
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"api-key-{matched}")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
