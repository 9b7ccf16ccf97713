using Microsoft.Extensions.Options;

namespace IncidentBot.Teams;

/// <summary>The rules across fields, checked at start-up when Teams is on.</summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
            return ValidateOptionsResult.Success;
        var failures = new List<string>();
        if (options.IncidentsChannelId.Length == 0)
            failures.Add("Teams:IncidentsChannelId is required: the channel where incident threads are started.");
        if (TenantProblem(options) is { } tenantProblem)
            failures.Add(tenantProblem);
        if (options.IsAuthenticated)
        {
            if (!Guid.TryParse(options.MicrosoftAppId, out _))
                failures.Add("Teams:MicrosoftAppId must be the Azure Bot's app id (a GUID).");
            if (options.MicrosoftAppPassword.Length == 0 && options.CertificatePath.Length == 0)
                failures.Add("Teams:MicrosoftAppPassword or Teams:CertificatePath is required with an app id.");
            if (options.MicrosoftAppPassword.Length > 0 && options.CertificatePath.Length > 0)
                failures.Add("Set Teams:MicrosoftAppPassword or Teams:CertificatePath, not both.");
            if (options.CertificatePath.Length > 0 && !File.Exists(options.CertificatePath))
                failures.Add("Teams:CertificatePath names a file that does not exist.");
        }
        else if (!TeamsServiceUrls.IsLoopback(options.ServiceUrl))
        {
            failures.Add("Without Teams:MicrosoftAppId the bot talks only to a local Bot Connector: Teams:ServiceUrl must be a loopback address.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The tenant is what the endpoint compares every activity with, so it is required whenever Teams
    /// is on, and must be written as Teams writes it (a GUID in its hyphenated form; another form
    /// would refuse every activity). The one exception is the Playground's built-in tenant, which is
    /// not a GUID: accepted only without an app id, where the bot serves this machine alone.
    /// </summary>
    private static string? TenantProblem(TeamsOptions options)
    {
        if (options.TenantId.Length == 0)
            return "Teams:TenantId is required whenever Teams is on: the bot serves that tenant and refuses every other.";
        if (options.TenantId.Length == 36 && Guid.TryParseExact(options.TenantId, "D", out _))
            return null;
        if (!options.IsAuthenticated && options.TenantId == TeamsPlayground.DefaultTenantId)
            return null;
        return options.IsAuthenticated
            ? "Teams:TenantId must be the tenant's id: a GUID written as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx."
            : "Teams:TenantId must be the tenant's id, a GUID written as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, or the Microsoft 365 Agents Playground's default tenant " + TeamsPlayground.DefaultTenantId + ".";
    }
}
