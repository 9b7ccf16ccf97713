using IncidentBot.Dialogs.Paging;

namespace IncidentBot.Testing.Fakes;

/// <summary>An on-call configuration that is what the test says, without a YAML file.</summary>
public sealed class FixedOnCallConfig(OnCallConfig config) : IOnCallConfigSource
{
    public OnCallConfig? Current { get; } = config;

    // The configuration never changes, so nobody is ever told.
    public event EventHandler? Changed
    {
        add { }
        remove { }
    }
}
