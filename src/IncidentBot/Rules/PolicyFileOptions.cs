namespace IncidentBot.Rules;

/// <summary>The <c>Policies</c> section: where the policy file is (clocks, reminders, post-mortems, working hours).</summary>
public sealed class PolicyFileOptions
{
    public const string SectionName = "Policies";

    /// <summary>A YAML file like <c>deploy/policies.example.yaml</c>, relative to the content root; empty for the built-in defaults.</summary>
    public string? ConfigPath { get; set; }
}
