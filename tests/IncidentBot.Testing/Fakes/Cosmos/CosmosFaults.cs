namespace IncidentBot.Testing.Fakes.Cosmos;

/// <summary>
/// Failures the test bridge puts between the bot and the Cosmos DB test server, each for the
/// next matching request(s): the outages a store client must survive without losing or
/// doubling a write.
/// </summary>
public sealed class CosmosFaults
{
    private readonly object _lock = new();
    private readonly List<Rule> _rules = [];

    /// <summary>The request reaches the server and is carried out; its answer is lost (the connection drops).</summary>
    public void DropResponse(Func<CosmosRequest, bool> matches, int times = 1) => Add(new Rule(matches, times, FaultKind.DropResponseAfterCommit, 0));

    /// <summary>The request reaches the server and is carried out; the caller hears <paramref name="status"/> instead (a timeout after the commit).</summary>
    public void AnswerAfterCommit(int status, Func<CosmosRequest, bool> matches, int times = 1) => Add(new Rule(matches, times, FaultKind.StatusAfterCommit, status));

    /// <summary>The request never reaches the server; the caller hears <paramref name="status"/>.</summary>
    public void Refuse(int status, Func<CosmosRequest, bool> matches, int times = 1) => Add(new Rule(matches, times, FaultKind.StatusBeforeCommit, status));

    /// <summary>How many of the rules have fired.</summary>
    public int Fired { get; private set; }

    /// <summary>Forgets every rule and the count of those fired.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
            Fired = 0;
        }
    }

    internal (FaultKind Kind, int Status)? Take(CosmosRequest request)
    {
        lock (_lock)
        {
            var rule = _rules.FirstOrDefault(r => r.Remaining > 0 && r.Matches(request));
            if (rule is null)
                return null;
            rule.Remaining--;
            Fired++;
            if (rule.Remaining == 0)
                _rules.Remove(rule);
            return (rule.Kind, rule.Status);
        }
    }

    private void Add(Rule rule)
    {
        lock (_lock)
            _rules.Add(rule);
    }

    private sealed class Rule(Func<CosmosRequest, bool> matches, int times, FaultKind kind, int status)
    {
        public Func<CosmosRequest, bool> Matches { get; } = matches;

        public int Remaining { get; set; } = times;

        public FaultKind Kind { get; } = kind;

        public int Status { get; } = status;
    }
}

internal enum FaultKind
{
    DropResponseAfterCommit,
    StatusAfterCommit,
    StatusBeforeCommit,
}
