using IncidentBot.Configuration.Yaml;

namespace IncidentBot.OnCall;

/// <summary>The on-call file is invalid; the message lists each problem as <c>file:line:column: message</c>, so the start-up failure says what to fix.</summary>
public sealed class OnCallConfigException(string path, IReadOnlyList<YamlFileError> errors)
    : Exception($"The on-call file {path} (OnCall:ConfigPath) is invalid:\n" + string.Join('\n', errors.Select(e => "  " + e)))
{
    public IReadOnlyList<YamlFileError> Errors { get; } = errors;
}
