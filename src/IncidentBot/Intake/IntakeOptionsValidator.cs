using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using Microsoft.Extensions.Options;

namespace IncidentBot.Intake;

/// <summary>Refuses a start with intake sources that cannot work; messages name settings, never their values.</summary>
internal sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public const int MinKeyLength = 16;

    private static readonly string[] KnownSources = ["regulator", "partner", "trending", "user-report"];

    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var problems = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (source, settings) in options.Sources)
        {
            if (!KnownSources.Contains(source, StringComparer.OrdinalIgnoreCase) || !IncidentSourceText.TryParse(source, out _))
                problems.Add($"Intake:Sources:{source} is not a source; use {string.Join(", ", KnownSources)}.");
            if (settings.Key.Length == 0)
                continue; // a source without a key is off
            if (settings.Key.Length < MinKeyLength)
                problems.Add($"Intake:Sources:{source}:Key is shorter than {MinKeyLength} characters.");
            if (!keys.Add(settings.Key))
                problems.Add($"Intake:Sources:{source}:Key is the same as another source's: the key decides the source.");
        }
        if (keys.Count > 0 && string.IsNullOrWhiteSpace(options.WorkspaceId))
            problems.Add("Intake:WorkspaceId is required when an intake source has a key: it names the Slack team or Teams tenant the reports' incidents belong to.");
        if (options.Platform.Length > 0 && options.Platform is not (PlatformId.SlackName or PlatformId.TeamsName))
            problems.Add("Intake:Platform must be slack or teams (or empty).");
        if (options.MaxBatchBytes < IntakeOptions.MaxReportBytes)
            problems.Add($"Intake:MaxBatchBytes must be at least {IntakeOptions.MaxReportBytes}.");
        if (options.Email.MaxMessageBytes < 1024 || options.Email.MaxAttachmentBytes < 0 || options.Email.MaxAttachments < 0)
            problems.Add("Intake:Email limits must be positive (MaxMessageBytes at least 1024).");
        foreach (var (domain, authority) in options.EmailAuthorities)
        {
            if (string.IsNullOrWhiteSpace(authority))
                problems.Add($"Intake:EmailAuthorities:{domain} has no authority name.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
