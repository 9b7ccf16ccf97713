namespace IncidentBot.Dashboard;

/// <summary>
/// <c>Dashboard:Oidc</c>: an OpenID Connect provider, e.g. Entra ID of the same tenant as Teams
/// (<c>https://login.microsoftonline.com/{tenant}/v2.0</c>). On when <see cref="Authority"/> is set.
/// </summary>
public sealed class DashboardOidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Secret. The app registration's client secret (authorization code flow).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Where the provider sends people back; register it with the provider.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);
}
