using IncidentBot.Configuration.Yaml;
using IncidentBot.Dialogs.Rules;

namespace IncidentBot.Rules;

/// <summary>The rules a policy file says, or what is wrong with it (each problem as <c>file:line:column: message</c>).</summary>
public sealed record PolicyFileResult(IncidentRules? Rules, IReadOnlyList<YamlFileError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Rules is not null;
}
