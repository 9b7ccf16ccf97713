using Microsoft.Extensions.Options;

namespace IncidentBot.Dashboard;

/// <summary>OpenID Connect needs an https authority, a client id and a secret, or none of them.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var oidc = options.Oidc;
        var problems = new List<string>();
        var anySet = !string.IsNullOrWhiteSpace(oidc.Authority) || !string.IsNullOrWhiteSpace(oidc.ClientId) || !string.IsNullOrWhiteSpace(oidc.ClientSecret);
        if (anySet)
        {
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
                problems.Add("Dashboard:Oidc:Authority must be an https:// address such as https://login.microsoftonline.com/<tenant>/v2.0.");
            if (string.IsNullOrWhiteSpace(oidc.ClientId))
                problems.Add("Dashboard:Oidc:ClientId is required with Dashboard:Oidc:Authority.");
            if (string.IsNullOrWhiteSpace(oidc.ClientSecret))
                problems.Add("Dashboard:Oidc:ClientSecret is required with Dashboard:Oidc:Authority.");
        }
        if (!oidc.CallbackPath.StartsWith('/'))
            problems.Add("Dashboard:Oidc:CallbackPath must start with /.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
