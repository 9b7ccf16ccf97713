namespace IncidentBot.Jobs;

/// <summary>This instance's job server name: machine, process and a random part (tests run several hosts in one process).</summary>
public sealed class JobServerIdentity
{
    public string Name { get; } = $"incidentbot:{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
