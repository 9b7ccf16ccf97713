using System.Diagnostics;
using System.Text;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// A server the tests run as a child process: what it prints on stdout and stderr, kept for failure
/// messages; the first line that says it is ready; and a kill of its whole tree on dispose or when
/// the test process exits, so a failed run leaves nothing behind.
/// </summary>
public sealed class LocalProcess : IAsyncDisposable
{
    private readonly string _name;
    private readonly Func<string, bool>? _isReadyLine;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _isDisposed;

    private LocalProcess(ProcessStartInfo start, string name, Func<string, bool>? isReadyLine)
    {
        _name = name;
        _isReadyLine = isReadyLine;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        Process = new Process { StartInfo = start, EnableRaisingEvents = true };
        // Watched before it starts, so a banner printed at once is not missed.
        Process.OutputDataReceived += (_, line) => Observe(line.Data);
        Process.ErrorDataReceived += (_, line) => Observe(line.Data);
        if (isReadyLine is not null)
            Process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"{_name} exited before it was ready:\n{Output()}"));
    }

    public Process Process { get; }

    /// <summary>Starts the process; <paramref name="isReadyLine"/> picks the line that says it is ready (none: it never says).</summary>
    /// <exception cref="InvalidOperationException">The program cannot be run.</exception>
    public static LocalProcess Start(ProcessStartInfo start, string name, Func<string, bool>? isReadyLine = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        var local = new LocalProcess(start, name, isReadyLine);
        try
        {
            if (!local.Process.Start())
                throw new InvalidOperationException($"{start.FileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            local.Process.Dispose();
            throw new InvalidOperationException($"Cannot run `{start.FileName}` for {name}: {e.Message}", e);
        }
        local.Process.BeginOutputReadLine();
        local.Process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += local.KillOnExit;
        return local;
    }

    /// <returns>The line that said it is ready.</returns>
    /// <exception cref="InvalidOperationException">It exited first.</exception>
    /// <exception cref="TimeoutException">It said nothing of the kind within <paramref name="timeout"/>.</exception>
    public async Task<string> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_isReadyLine is null)
            throw new InvalidOperationException($"{_name} was started without a line that says it is ready.");
        try
        {
            return await _ready.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{_name} did not say it was ready within {timeout.TotalSeconds:0.#} s:\n{Output()}");
        }
    }

    public string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    /// <summary>SIGKILL to the process and its children, then waits (bounded) until it is gone; one already gone is left alone.</summary>
    public async Task KillAsync(TimeSpan wait)
    {
        LocalProcesses.KillTree(Process);
        using var timeout = new CancellationTokenSource(wait);
        await Process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Kills it if it still runs; a second dispose does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_isDisposed)
            return;
        _isDisposed = true;
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            await KillAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Process.Dispose();
        }
    }

    private void KillOnExit(object? sender, EventArgs e) => LocalProcesses.KillTree(Process);

    private void Observe(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (_isReadyLine?.Invoke(line) == true)
            _ready.TrySetResult(line);
    }
}
