using Microsoft.Extensions.Options;

namespace IncidentBot.Api;

/// <summary>Scoped keys must have a secret and known scopes, and no secret may be given twice: a bad key fails the boot, not the first request.</summary>
internal sealed class ApiOptionsValidation : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var secrets = new HashSet<string>(options.Keys.Where(k => k.Length > 0), StringComparer.Ordinal);
        foreach (var (keyName, key) in options.ScopedKeys)
        {
            if (string.IsNullOrWhiteSpace(key.Key))
                failures.Add($"Api:ScopedKeys:{keyName}:Key is empty.");
            else if (!secrets.Add(key.Key))
                failures.Add($"Api:ScopedKeys:{keyName}:Key is the same secret as another key.");
            var scopes = ApiScopes.Parse(key.Scopes, out var unknown);
            if (unknown.Count > 0)
                failures.Add($"Api:ScopedKeys:{keyName}:Scopes has unknown scopes {string.Join(", ", unknown)}; use {string.Join(", ", ApiScopes.All)}.");
            else if (scopes.Count == 0)
                failures.Add($"Api:ScopedKeys:{keyName}:Scopes is empty; use {string.Join(", ", ApiScopes.All)}.");
        }
        if (options.MaxVerifyBytes <= 0)
            failures.Add("Api:MaxVerifyBytes must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
