using IncidentBot.Configuration.Yaml;
using IncidentBot.Dialogs.Policies;

namespace IncidentBot.Policies;

/// <summary>The policies a file says, or what is wrong with it (each problem as <c>file:line:column: message</c>).</summary>
public sealed record PolicyFileResult(IncidentRules? Rules, IReadOnlyList<YamlFileError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Rules is not null;
}
