namespace IncidentBot.IntegrationTests.Conformance;

/// <summary>What a validator printed and its exit code.</summary>
internal sealed record ConformanceResult(int ExitCode, string Output)
{
    /// <summary>Passed: exit code 0 and nothing but the summary line (a warning is a failure too).</summary>
    public void AssertClean()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}:\n{Output}");
        Assert.True(Output.Split('\n').Length == 1, $"expected only the summary line:\n{Output}");
    }
}
