using IncidentBot.Dialogs.Rules;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Rules;

public static class RulesRegistration
{
    /// <summary>
    /// The policy file at <c>Policies:ConfigPath</c> (built-in defaults when it is empty), checked
    /// at start-up: a file with problems stops the bot with every problem and its line.
    /// </summary>
    public static IServiceCollection AddIncidentRules(this IServiceCollection services)
    {
        services.AddOptions<PolicyFileOptions>().BindConfiguration(PolicyFileOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PolicyFileOptions>, PolicyFileValidator>();
        services.RemoveAll<IncidentRules>();
        services.AddSingleton(provider =>
        {
            var path = PolicyFileValidator.ResolvePath(provider.GetRequiredService<IOptions<PolicyFileOptions>>().Value, provider.GetService<IHostEnvironment>());
            if (path is null)
                return IncidentRules.Default;
            var result = PolicyFile.Load(path);
            return result.IsValid ? result.Rules! : throw new OptionsValidationException(PolicyFileOptions.SectionName, typeof(PolicyFileOptions), result.Errors.Select(e => e.ToString()));
        });
        return services;
    }

    /// <summary>Reads the file once at start-up to report its problems.</summary>
    private sealed class PolicyFileValidator(IHostEnvironment? environment = null) : IValidateOptions<PolicyFileOptions>
    {
        public ValidateOptionsResult Validate(string? name, PolicyFileOptions options)
        {
            var path = ResolvePath(options, environment);
            if (path is null)
                return ValidateOptionsResult.Success;
            if (!File.Exists(path))
                return ValidateOptionsResult.Fail("Policies:ConfigPath names a policy file that does not exist.");
            var result = PolicyFile.Load(path);
            return result.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(result.Errors.Select(e => e.ToString()));
        }

        public static string? ResolvePath(PolicyFileOptions options, IHostEnvironment? environment) =>
            string.IsNullOrWhiteSpace(options.ConfigPath)
                ? null
                : Path.GetFullPath(options.ConfigPath, environment?.ContentRootPath is { Length: > 0 } root ? root : Directory.GetCurrentDirectory());
    }
}
