using System.Globalization;
using System.Text.RegularExpressions;
using IncidentBot.Testing.Fakes;

namespace IncidentBot.InstancesBench;

/// <summary>
/// The page DMs the Slack stand-in received (<c>chat.postMessage</c> to a person's user id), indexed by
/// person and the declare's title marker, each with the moment it arrived. Read from the stand-in's
/// call log as it grows; waits poll it every quarter second up to a deadline.
/// </summary>
internal sealed partial class SlackDms(FakeSlackServer slack)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<(string Person, string Marker), List<DateTimeOffset>> _dms = [];
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private int _seen;

    /// <summary>When the first DM about <paramref name="marker"/> reached <paramref name="person"/>, if it did.</summary>
    public DateTimeOffset? First(string person, string marker) =>
        _dms.TryGetValue((person, marker), out var times) ? times[0] : null;

    public int Count(string person, string marker) => _dms.TryGetValue((person, marker), out var times) ? times.Count : 0;

    /// <summary>The incident number the DMs about <paramref name="marker"/> name.</summary>
    public int? Number(string marker) => _numbers.TryGetValue(marker, out var number) ? number : null;

    /// <summary>Every DM time to <paramref name="person"/> about a marker starting with <paramref name="prefix"/>.</summary>
    public IEnumerable<DateTimeOffset> All(string person, string prefix) =>
        _dms.Where(d => d.Key.Person == person && d.Key.Marker.StartsWith(prefix, StringComparison.Ordinal)).SelectMany(d => d.Value);

    public void Refresh()
    {
        var calls = slack.Calls;
        for (; _seen < calls.Count; _seen++)
        {
            var call = calls[_seen];
            if (call.Method != "chat.postMessage" || call.Arg("channel") is not { } channel || !channel.StartsWith('U'))
                continue;
            var text = call.Arg("text") ?? "";
            if (Marker().Match(text) is not { Success: true } marker)
                continue;
            var key = (channel, marker.Groups[1].Value);
            if (!_dms.TryGetValue(key, out var times))
                _dms[key] = times = [];
            times.Add(call.ReceivedAt);
            if (IncidentKey().Match(text) is { Success: true } number)
                _numbers.TryAdd(key.Item2, int.Parse(number.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Polls until <paramref name="done"/> holds or the deadline passes; says which.</summary>
    public async Task<bool> WaitAsync(Func<SlackDms, bool> done, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            Refresh();
            if (done(this))
                return true;
            if (DateTimeOffset.UtcNow >= deadline)
                return false;
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    [GeneratedRegex(@"Instances bench ([a-z]+\d{5})")]
    private static partial Regex Marker();

    [GeneratedRegex(@"INC-(\d+)")]
    private static partial Regex IncidentKey();
}
