namespace IncidentBot.OnCall;

/// <summary>The on-call file is invalid; the message names each line and problem, so the start-up failure says what to fix.</summary>
public sealed class OnCallConfigException(string path, IReadOnlyList<OnCallConfigError> errors)
    : Exception($"The on-call file {path} (OnCall:ConfigPath) is invalid:\n" + string.Join('\n', errors.Select(e => "  " + e)))
{
    public IReadOnlyList<OnCallConfigError> Errors { get; } = errors;
}
