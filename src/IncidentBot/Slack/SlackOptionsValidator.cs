using System.Net;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack;

/// <summary>
/// Where the bot may send its token: Slack over https, or this machine when development says so
/// (<see cref="SlackOptions.AllowLoopbackTargets"/>). Messages name the setting, not its value.
/// </summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // An app-level token starts xapp-; a bot token (xoxb-) here is the usual mix-up.
        if (options.AppToken.Length > 0 && !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
            return ValidateOptionsResult.Fail("Slack:AppToken must be an app-level token (xapp-…) with the connections:write scope.");
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var url))
            return ValidateOptionsResult.Skip; // [Url] reports it
        if (IsLoopback(url))
        {
            return options.AllowLoopbackTargets
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Slack:ApiBaseUrl points at this machine, which is allowed only for development with Slack:AllowLoopbackTargets=true.");
        }
        if (url.Scheme != Uri.UriSchemeHttps)
            return ValidateOptionsResult.Fail("Slack:ApiBaseUrl must be an https:// address: the bot token travels with every call.");
        if (url.UserInfo.Length > 0)
            return ValidateOptionsResult.Fail("Slack:ApiBaseUrl may not carry a user name or password.");
        return ValidateOptionsResult.Success;
    }

    /// <summary><c>localhost</c>, 127.0.0.0/8 or ::1.</summary>
    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
