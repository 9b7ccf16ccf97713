using IncidentBot.Dialogs.Policies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Policies;

public static class PoliciesRegistration
{
    /// <summary>
    /// The policy file at <c>Policies:ConfigPath</c> (built-in defaults when it is empty), checked
    /// at start-up: a file with problems stops the bot with every problem and its line.
    /// </summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services)
    {
        services.AddOptions<PoliciesOptions>().BindConfiguration(PoliciesOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PoliciesOptions>, PolicyFileValidator>();
        services.RemoveAll<IncidentRules>();
        services.AddSingleton(provider =>
        {
            var path = PolicyFileValidator.ResolvePath(provider.GetRequiredService<IOptions<PoliciesOptions>>().Value, provider.GetService<IHostEnvironment>());
            if (path is null)
                return IncidentRules.Default;
            var result = PolicyFile.Load(path);
            return result.IsValid ? result.Rules! : throw new OptionsValidationException(PoliciesOptions.SectionName, typeof(PoliciesOptions), result.Errors.Select(e => e.ToString()));
        });
        return services;
    }

    /// <summary>Reads the file once at start-up to report its problems.</summary>
    private sealed class PolicyFileValidator(IHostEnvironment? environment = null) : IValidateOptions<PoliciesOptions>
    {
        public ValidateOptionsResult Validate(string? name, PoliciesOptions options)
        {
            var path = ResolvePath(options, environment);
            if (path is null)
                return ValidateOptionsResult.Success;
            if (!File.Exists(path))
                return ValidateOptionsResult.Fail("Policies:ConfigPath names a policy file that does not exist.");
            var result = PolicyFile.Load(path);
            return result.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(result.Errors.Select(e => e.ToString()));
        }

        public static string? ResolvePath(PoliciesOptions options, IHostEnvironment? environment) =>
            string.IsNullOrWhiteSpace(options.ConfigPath)
                ? null
                : Path.GetFullPath(options.ConfigPath, environment?.ContentRootPath is { Length: > 0 } root ? root : Directory.GetCurrentDirectory());
    }
}
