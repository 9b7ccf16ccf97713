using System.Diagnostics;

namespace IncidentBot.Tests.Deploy;

/// <summary>What a command-line tool printed and how it exited.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Errors)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public string Describe() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Errors}";

    /// <summary>Runs <paramref name="fileName"/> to completion (killed after three minutes: a hung tool fails the test, not the run).</summary>
    public static async Task<ToolRun> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, Action<IDictionary<string, string?>>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        environment?.Invoke(start.Environment);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {Timeout}");
        }
        return new ToolRun(process.ExitCode, await output, await errors);
    }
}
