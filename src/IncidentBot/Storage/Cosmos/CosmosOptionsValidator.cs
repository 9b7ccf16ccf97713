using Microsoft.Extensions.Options;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// The rules data annotations cannot say: which credential settings go together, and names
/// Cosmos DB accepts. Runs at start-up, so a bad deployment fails on boot with the key named.
/// No message quotes a value: whatever was pasted into a setting may be a secret.
/// </summary>
internal sealed class CosmosOptionsValidator : IValidateOptions<CosmosOptions>
{
    private static readonly char[] ForbiddenNameCharacters = ['/', '\\', '?', '#'];

    public ValidateOptionsResult Validate(string? name, CosmosOptions options)
    {
        var failures = new List<string>();
        if (!CosmosAccount.TryResolve(options, out _, out var problem))
            failures.Add(problem!);
        CheckName(failures, nameof(CosmosOptions.Database), options.Database);
        CheckName(failures, nameof(CosmosOptions.Container), options.Container);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckName(List<string> failures, string key, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return; // [Required] reports it
        if (value.IndexOfAny(ForbiddenNameCharacters) >= 0 || value != value.Trim())
            failures.Add($"{CosmosOptions.SectionName}:{key} may not contain / \\ ? # or surrounding spaces.");
    }
}
