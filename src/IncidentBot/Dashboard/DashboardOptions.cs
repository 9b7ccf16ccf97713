namespace IncidentBot.Dashboard;

/// <summary>The <c>Dashboard</c> section: how people sign in to <c>/dashboard</c>.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>How long a sign-in lasts without use (sliding).</summary>
    [System.ComponentModel.DataAnnotations.Range(5, 24 * 60)]
    public int SessionMinutes { get; set; } = 480;

    /// <summary>Set to sign in with OpenID Connect (Entra ID); otherwise <c>/login</c> takes a key from <c>Api:Keys</c>.</summary>
    public DashboardOidcOptions Oidc { get; set; } = new();
}
