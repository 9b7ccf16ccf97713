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
            if (!Guid.TryParse(options.TenantId, out _))
                failures.Add("Teams:TenantId (a GUID) is required with an app id: the bot is registered single-tenant.");
        }
        else if (!TeamsServiceUrls.IsLoopback(options.ServiceUrl))
        {
            failures.Add("Without Teams:MicrosoftAppId the bot talks only to a local Bot Connector: Teams:ServiceUrl must be a loopback address.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
