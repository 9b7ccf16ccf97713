namespace IncidentBot.Intake;

/// <summary>Chat channels whose messages become partner reports.</summary>
public sealed class IntakeChannelOptions
{
    public IList<string> Channels { get; } = [];
}
