namespace IncidentBot.Dialogs.Paging;

/// <summary>The configuration source when the host gives none: paging is off.</summary>
public sealed class UnconfiguredOnCall : IOnCallConfigSource
{
    public OnCallConfig? Current => null;

    public event EventHandler? Changed
    {
        add { }
        remove { }
    }
}
