using IncidentBot.Dialogs.Policies;

namespace IncidentBot.Policies;

/// <summary>The policies a file says, or what is wrong with it (each problem names its line).</summary>
public sealed record PolicyFileResult(IncidentPolicies? Policies, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0 && Policies is not null;
}
