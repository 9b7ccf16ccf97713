using System.Globalization;
using IncidentBot.Dialogs.Paging;
using Microsoft.Extensions.Options;

namespace IncidentBot.OnCall;

/// <summary>Each <c>OnCall:Admins</c> entry must be one of the three kinds; a typo would silently make nobody an admin.</summary>
internal sealed class OnCallOptionsValidator : IValidateOptions<OnCallOptions>
{
    public ValidateOptionsResult Validate(string? name, OnCallOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Admins.Count; i++)
        {
            var entry = options.Admins[i] ?? "";
            // Named by position, not quoted: whatever was pasted there stays out of the log.
            if (entry.Trim().Length == 0)
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"OnCall:Admins:{i} is empty."));
            else if (OnCallAdmins.KindOf(entry) is null)
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"OnCall:Admins:{i} is neither an e-mail address, a Slack user group id (S…) nor a Teams team or channel id (19:…@thread.tacv2)."));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
