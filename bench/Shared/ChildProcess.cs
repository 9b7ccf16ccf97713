using System.Diagnostics;

namespace IncidentBot.BenchSupport;

/// <summary>A server in its own process, so its garbage collection and threads are its own.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public static async Task<ChildProcess> StartAsync(string fileName, IEnumerable<string> arguments, Uri healthUrl, IDictionary<string, string>? environment = null, string? name = null)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var child = new ChildProcess(process, name ?? Path.GetFileNameWithoutExtension(fileName));
        // A harness stopped by Ctrl-C or an exception must not leave its servers behind.
        AppDomain.CurrentDomain.ProcessExit += child.KillOnExit;
        Console.CancelKeyPress += child.KillOnCancel;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 })
                Console.Error.WriteLine($"  [{child.Name}] " + e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                var exitCode = process.ExitCode;
                await child.DisposeAsync();
                throw new InvalidOperationException($"{fileName} exited with code {exitCode} before it was ready.");
            }
            try
            {
                if ((await client.GetAsync(healthUrl)).IsSuccessStatusCode)
                    return child;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }
            await Task.Delay(200);
        }
        await child.DisposeAsync();
        throw new TimeoutException($"{healthUrl} did not answer within 60 s.");
    }

    /// <summary>CPU the server has used so far (user and kernel, all threads).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Console.CancelKeyPress -= KillOnCancel;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private void KillOnCancel(object? sender, ConsoleCancelEventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
