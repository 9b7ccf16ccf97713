using System.Diagnostics;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// For the rare condition no stand-in or log line can signal, such as state another process writes
/// to shared storage: asks again until it holds, and throws a <see cref="TimeoutException"/> naming
/// the condition and the last answer rather than letting the test go on.
/// </summary>
public static class BoundedPoll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <returns>The first answer that meets <paramref name="isMet"/>, asking every 100 ms.</returns>
    public static Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> isMet, string condition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        UntilAsync(probe, isMet, condition, timeout, DefaultInterval, cancellationToken);

    /// <returns>The first answer that meets <paramref name="isMet"/>, asking every <paramref name="interval"/>.</returns>
    public static async Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> isMet, string condition, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(isMet);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var answer = await probe(cancellationToken);
            if (isMet(answer))
                return answer;
            if (Stopwatch.GetElapsedTime(started) >= timeout)
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {condition}; the last answer was: {answer}");
            await Task.Delay(interval, cancellationToken);
        }
    }
}
