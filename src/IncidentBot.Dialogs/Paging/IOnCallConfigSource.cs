namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// The current on-call configuration. The host reads it from a YAML file, validates it and
/// keeps the last good version when a changed file is invalid.
/// </summary>
public interface IOnCallConfigSource
{
    /// <summary>Null when paging is not configured (no file set).</summary>
    OnCallConfig? Current { get; }

    /// <summary>Raised after a new valid version replaced the current one.</summary>
    event EventHandler? Changed;
}
