using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.InstancesBench;

/// <summary>
/// Sends signed <c>/incident declare</c> commands at a fixed rate (open loop, bounded in flight),
/// each to the next instance that is up, as a round-robin load balancer does. An instance taken
/// out of the rotation (before it is killed) gets no new requests.
/// </summary>
internal sealed class Declarer : IDisposable
{
    private const int MaxInFlight = 64;

    private readonly SeveralInstances _shared;
    private readonly HttpClient[] _clients;
    private volatile int[] _live;

    public Declarer(SeveralInstances shared, IReadOnlyList<BotProcess> instances)
    {
        _shared = shared;
        _clients = [.. instances.Select(i => new HttpClient { BaseAddress = i.BaseAddress, Timeout = TimeSpan.FromSeconds(30) })];
        _live = [.. Enumerable.Range(0, instances.Count)];
    }

    /// <summary>The load balancer stops sending to this instance.</summary>
    public void TakeOut(int instance) => _live = [.. _live.Where(i => i != instance)];

    /// <summary>
    /// Declares titled <c>Instances bench {prefix}{n:D5}</c> at <paramref name="rate"/> a second, until
    /// <paramref name="count"/> are sent or <paramref name="stop"/> is cancelled; returns when all are answered or failed.
    /// </summary>
    public async Task<IReadOnlyList<SentDeclare>> SendAsync(string severity, string prefix, double rate, int? count, CancellationToken stop)
    {
        var sent = new ConcurrentBag<SentDeclare>();
        var inFlight = new List<Task>();
        using var slots = new SemaphoreSlim(MaxInFlight);
        var clock = Stopwatch.StartNew();
        for (var i = 0; (count is null || i < count) && !stop.IsCancellationRequested; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed)
            {
                try
                {
                    await Task.Delay(due - clock.Elapsed, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            await slots.WaitAsync(CancellationToken.None);
            var live = _live;
            var instance = live[i % live.Length];
            var marker = Marker(prefix, i);
            inFlight.Add(SendOneAsync(instance, severity, marker, slots, sent));
        }
        await Task.WhenAll(inFlight);
        return [.. sent.OrderBy(s => s.SentAt)];
    }

    public static string Marker(string prefix, int n) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{n:D5}");

    private async Task SendOneAsync(int instance, string severity, string marker, SemaphoreSlim slots, ConcurrentBag<SentDeclare> sent)
    {
        var at = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = _shared.Command($"declare {severity} Instances bench {marker}");
            using var response = await _clients[instance].SendAsync(request);
            await response.Content.ReadAsStringAsync();
            sent.Add(new SentDeclare(marker, instance, at, clock.Elapsed.TotalMilliseconds, response.StatusCode == HttpStatusCode.OK));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // The instance was killed mid-request, or did not answer in 30 s: counted as not answered.
            sent.Add(new SentDeclare(marker, instance, at, clock.Elapsed.TotalMilliseconds, Answered: false));
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients)
            client.Dispose();
    }
}
