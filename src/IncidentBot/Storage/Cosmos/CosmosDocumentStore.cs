using System.Collections.Frozen;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Storage;
using Microsoft.Azure.Cosmos;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// The production store: one Azure Cosmos DB container, partition key <c>/workspaceId</c>, with
/// the semantics of the port (see docs/STORAGE.md). Documents are written and read as streams
/// in <see cref="DocumentJson"/>'s form, so they have the same bytes as in the embedded file.
/// Every call is timed, its request charge recorded, and its diagnostics logged when slow; a
/// call that is throttled, unavailable or times out is retried (the SDK's retries, then ours,
/// bounded) before it fails with <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed partial class CosmosDocumentStore : IDocumentStore, IDisposable
{
    public const string Kind = "cosmos";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private readonly CosmosClient _client;
    private readonly CosmosOptions _options;
    private readonly Container _container;
    private readonly TimeProvider _clock;
    private readonly ILogger<CosmosDocumentStore> _logger;
    private readonly CosmosStoreMetrics? _metrics;
    private readonly InitializeGate _initialization;
    private volatile FrozenSet<string> _nativelyOrdered = CosmosContainerSchema.OrderedPaths;

    internal CosmosDocumentStore(
        CosmosClient client, CosmosOptions options, TimeProvider clock, ILogger<CosmosDocumentStore> logger, CosmosStoreMetrics? metrics)
    {
        _client = client;
        _options = options;
        _clock = clock;
        _logger = logger;
        _metrics = metrics;
        _container = client.GetContainer(options.Database, options.Container);
        _initialization = new InitializeGate(PrepareContainerAsync);
    }

    /// <summary>Where the store is, for the readiness probe and the logs: host, database and container, no credentials.</summary>
    public string Location => $"{EndpointHost}/{_options.Database}/{_options.Container}";

    /// <summary>The account's host and port.</summary>
    public string EndpointHost => _client.Endpoint.Authority;

    /// <summary>
    /// Creates the database and container when <see cref="CosmosOptions.CreateIfNotExists"/> (else checks
    /// the container is there) and that its partition key is <c>/workspaceId</c>. Every call does it first if needed.
    /// </summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _initialization.RunOnceAsync(cancellationToken);

    public async Task<Versioned<T>?> ReadAsync<T>(string workspaceId, string id, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentException.ThrowIfNullOrEmpty(id);
        await InitializeAsync(cancellationToken);
        using var response = await CallAsync("read", workspaceId, id,
            token => _container.ReadItemStreamAsync(id, new PartitionKey(workspaceId), null, token), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        EnsureSuccess("read", workspaceId, id, response);
        return await DocumentRules.MaterializeAsync<T>(response.Content, response.Headers.ETag, cancellationToken);
    }

    public async IAsyncEnumerable<Versioned<T>> QueryAsync<T>(DocumentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IDocument
    {
        ArgumentNullException.ThrowIfNull(query);
        var nativelyOrdered = _nativelyOrdered;
        // Translate first: a bad path or value fails before Cosmos DB is asked.
        var definition = CosmosQueryText.Select(query, nativelyOrdered);
        await InitializeAsync(cancellationToken);
        var inProcess = CosmosQueryText.IsOrderedInProcess(query, nativelyOrdered);
        if (!inProcess)
        {
            string? continuation = null;
            var isFirstPage = true;
            var left = query.Top ?? int.MaxValue;
            do
            {
                var page = await ReadPageAsync("query", query.WorkspaceId, definition, continuation, query.Top, cancellationToken);
                if (page.LacksCompositeIndex && isFirstPage && query.OrderBy is { } path)
                {
                    // A container created outside the bot may lack the index: order this path in process from now on.
                    _logger.CompositeIndexMissing(path.Name);
                    _nativelyOrdered = _nativelyOrdered.Where(p => p != path.Name).ToFrozenSet(StringComparer.Ordinal);
                    inProcess = true;
                    break;
                }
                isFirstPage = false;
                foreach (var document in page.Documents)
                    yield return Materialize<T>(document);
                left -= page.Documents.Count;
                // TOP n is answered once n are read: a full page's continuation would only fetch an empty one.
                continuation = left > 0 ? page.Continuation : null;
            }
            while (continuation is not null);
        }
        if (!inProcess)
            yield break;

        var matches = new List<JsonElement>();
        var unordered = CosmosQueryText.Select(query with { OrderBy = null, Top = null }, nativelyOrdered);
        string? next = null;
        do
        {
            var page = await ReadPageAsync("query", query.WorkspaceId, unordered, next, null, cancellationToken);
            matches.AddRange(page.Documents);
            next = page.Continuation;
        }
        while (next is not null);
        var comparer = new JsonPathOrder(query.OrderBy!, query.Descending);
        matches.Sort(comparer);
        foreach (var document in matches.Take(query.Top ?? int.MaxValue))
            yield return Materialize<T>(document);
    }

    public async Task<int> CountAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var definition = CosmosQueryText.Count(query);
        await InitializeAsync(cancellationToken);
        long count = 0;
        string? continuation = null;
        do
        {
            // Cosmos DB may answer an aggregate in several pages, each with a partial count.
            var page = await ReadPageAsync("count", query.WorkspaceId, definition, continuation, null, cancellationToken);
            count += page.Documents.Sum(value => value.GetInt64());
            continuation = page.Continuation;
        }
        while (continuation is not null);
        return checked((int)count);
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InitializeAsync(cancellationToken);
            using var response = await CallAsync("health check", null, null,
                token => _container.ReadContainerStreamAsync(null, token), cancellationToken);
            EnsureSuccess("health check", null, null, response);
            return new StoreHealth(true, Kind, Location);
        }
        catch (StoreUnavailableException e)
        {
            return new StoreHealth(false, Kind, $"{Location}: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            return new StoreHealth(false, Kind, $"{Location}: {e.Message}");
        }
    }

    public void Dispose() => _initialization.Dispose();

    private async Task PrepareContainerAsync(CancellationToken cancellationToken)
    {
        var properties = await GuardAsync("initialize", () => _options.CreateIfNotExists ? CreateContainerAsync(cancellationToken) : ReadContainerAsync(cancellationToken), cancellationToken);
        if (properties.PartitionKeyPath != CosmosContainerSchema.PartitionKeyPath)
        {
            throw new InvalidOperationException(
                $"The Cosmos DB container {_options.Database}/{_options.Container} is partitioned by '{properties.PartitionKeyPath}'; IncidentBot needs '{CosmosContainerSchema.PartitionKeyPath}'.");
        }
        _logger.ContainerReady(_options.Database, _options.Container, _options.CreateIfNotExists);
    }

    private async Task<ContainerProperties> CreateContainerAsync(CancellationToken cancellationToken)
    {
        var database = await _client.CreateDatabaseIfNotExistsAsync(_options.Database, cancellationToken: cancellationToken);
        var container = await database.Database.CreateContainerIfNotExistsAsync(CosmosContainerSchema.Properties(_options.Container), cancellationToken: cancellationToken);
        return container.Resource;
    }

    private async Task<ContainerProperties> ReadContainerAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.ReadContainerAsync(cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StoreUnavailableException(
                $"The Cosmos DB container {_options.Database}/{_options.Container} does not exist and Cosmos:CreateIfNotExists is false; create it (partition key {CosmosContainerSchema.PartitionKeyPath}, TTL on) or set Cosmos:CreateIfNotExists.", e);
        }
    }

    /// <returns>True if the container was missing and has been created again (only with <see cref="CosmosOptions.CreateIfNotExists"/>).</returns>
    private async Task<bool> RecreateMissingContainerAsync(string operation, string workspaceId, CancellationToken cancellationToken)
    {
        if (!_options.CreateIfNotExists)
            return false;
        using (var check = await CallAsync("read container", workspaceId, null, token => _container.ReadContainerStreamAsync(null, token), cancellationToken))
        {
            if (check.StatusCode != HttpStatusCode.NotFound)
                return false;
        }
        _logger.ContainerMissing(operation, workspaceId);
        _initialization.Reset();
        await InitializeAsync(cancellationToken);
        return true;
    }

    private async Task<QueryPage> ReadPageAsync(
        string operation, string workspaceId, QueryDefinition definition, string? continuation, int? top, CancellationToken cancellationToken)
    {
        var options = new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(workspaceId),
            // Single-partition queries go straight to the partition, without asking the gateway for a query plan.
            EnableOptimisticDirectExecution = true,
            MaxItemCount = top is > 0 and < 1000 ? top : 1000,
        };
        async Task<ResponseMessage> ReadAsync(CancellationToken token)
        {
            using var iterator = _container.GetItemQueryStreamIterator(definition, continuation, options);
            return await iterator.ReadNextAsync(token);
        }
        var response = await CallAsync(operation, workspaceId, null, ReadAsync, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && await RecreateMissingContainerAsync(operation, workspaceId, cancellationToken))
        {
            response.Dispose();
            response = await CallAsync(operation, workspaceId, null, ReadAsync, cancellationToken);
        }
        using var owned = response;
        if (response.StatusCode == HttpStatusCode.BadRequest
            && response.ErrorMessage?.Contains("composite index", StringComparison.OrdinalIgnoreCase) == true)
        {
            return new QueryPage([], null, LacksCompositeIndex: true);
        }
        EnsureSuccess(operation, workspaceId, null, response);
        using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
        var documents = page.RootElement.TryGetProperty("Documents", out var found) && found.ValueKind == JsonValueKind.Array
            ? found.EnumerateArray().Select(d => d.Clone()).ToList()
            : [];
        return new QueryPage(documents, response.ContinuationToken, LacksCompositeIndex: false);
    }

    /// <summary>One call with our retries around the SDK's: throttled, unavailable, timed out or unreachable is retried with backoff, then reported as unavailable.</summary>
    private async Task<ResponseMessage> CallAsync(
        string operation, string? workspaceId, string? id, Func<CancellationToken, Task<ResponseMessage>> call, CancellationToken cancellationToken)
    {
        var maxAttempts = _options.MaxRetryAttempts + 1;
        for (var attempt = 1; ; attempt++)
        {
            var started = _clock.GetTimestamp();
            string reason;
            TimeSpan? retryAfter = null;
            Exception? failure = null;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
                try
                {
                    var response = await call(deadline.Token);
                    Observe(operation, workspaceId, id, response.StatusCode, response.Headers.RequestCharge, response.Diagnostics, started);
                    if (!IsTransient(response.StatusCode))
                        return response;
                    reason = $"HTTP {(int)response.StatusCode}";
                    retryAfter = RetryAfter(response.Headers);
                    response.Dispose();
                }
                catch (CosmosException e) when (IsTransient(e.StatusCode))
                {
                    Observe(operation, workspaceId, id, e.StatusCode, e.RequestCharge, e.Diagnostics, started);
                    (reason, retryAfter, failure) = ($"HTTP {(int)e.StatusCode}", e.RetryAfter, e);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    (reason, failure) = ($"no answer within {_options.RequestTimeoutSeconds} s", e);
                }
                catch (HttpRequestException e)
                {
                    (reason, failure) = ("unreachable: " + e.HttpRequestError, e);
                }
            }
            if (attempt >= maxAttempts)
            {
                _logger.Unavailable(operation, id, workspaceId, reason, failure);
                throw new StoreUnavailableException($"Cosmos DB did not complete {operation} after {attempt} attempt(s): {reason}.", failure);
            }
            var delay = Backoff(attempt, retryAfter);
            _logger.Retrying(operation, workspaceId, reason, attempt, maxAttempts - 1, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, _clock, cancellationToken);
        }
    }

    /// <summary>Initialisation's typed calls: transient failures and refused credentials become <see cref="StoreUnavailableException"/>.</summary>
    private async Task<TResult> GuardAsync<TResult>(string operation, Func<Task<TResult>> work, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Creating a database and container is slower than a point read; allow it a few attempts' worth.
        deadline.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds * (_options.MaxRetryAttempts + 1)));
        string reason;
        Exception failure;
        try
        {
            return await work();
        }
        catch (CosmosException e) when (IsTransient(e.StatusCode) || e.StatusCode >= HttpStatusCode.InternalServerError)
        {
            (reason, failure) = ($"HTTP {(int)e.StatusCode}", e);
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            (reason, failure) = ($"HTTP {(int)e.StatusCode}: the account refused our credentials (Cosmos:ConnectionString, Cosmos:Key, or the identity's role assignment)", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            (reason, failure) = ("no answer in time", e);
        }
        catch (HttpRequestException e)
        {
            (reason, failure) = ("unreachable: " + e.HttpRequestError, e);
        }
        _logger.Unavailable(operation, null, null, reason, failure);
        throw new StoreUnavailableException($"Cosmos DB at {_client.Endpoint.Authority} did not complete {operation}: {reason}.", failure);
    }

    private void Observe(string operation, string? workspaceId, string? id, HttpStatusCode statusCode, double requestCharge, CosmosDiagnostics? diagnostics, long started)
    {
        var elapsed = _clock.GetElapsedTime(started);
        _metrics?.Record(operation, statusCode, requestCharge, elapsed);
        // Spans are stamped by the system clock, so this one is too, whatever clock runs the store's timers.
        CosmosStoreMetrics.Trace(operation, workspaceId, statusCode, requestCharge, TimeProvider.System.GetUtcNow(), elapsed);
        var milliseconds = (long)elapsed.TotalMilliseconds;
        if (_logger.IsEnabled(LogLevel.Debug))
            _logger.Charged(operation, id, workspaceId, statusCode, requestCharge, milliseconds);
        if (milliseconds >= _options.SlowCallThresholdMilliseconds && _logger.IsEnabled(LogLevel.Warning))
            _logger.SlowCall(operation, id, workspaceId, milliseconds, statusCode, diagnostics?.ToString() ?? "none");
    }

    /// <summary>Anything but success or the statuses each operation handles itself: refused, misused, or broken on the server's side.</summary>
    private void EnsureSuccess(string operation, string? workspaceId, string? id, ResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
            return;
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.BadRequest:
                throw new InvalidOperationException($"Cosmos DB rejected {operation} (HTTP 400): {response.ErrorMessage}");
            case HttpStatusCode.RequestEntityTooLarge:
                throw new ArgumentException($"Document {id} is larger than Cosmos DB accepts (HTTP 413).");
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                _logger.Unavailable(operation, id, workspaceId, $"HTTP {status}", null);
                throw new StoreUnavailableException($"Cosmos DB refused {operation} (HTTP {status}): check Cosmos:ConnectionString, Cosmos:Key, or the identity's role assignment.");
            default:
                _logger.Unavailable(operation, id, workspaceId, $"HTTP {status}", null);
                throw new StoreUnavailableException($"Cosmos DB answered {operation} with HTTP {status}.");
        }
    }

    private static Versioned<T> Materialize<T>(JsonElement document)
        where T : class, IDocument =>
        DocumentRules.Materialize<T>(document, document.TryGetProperty("_etag", out var etag) ? etag.GetString() : null);

    private static string FromServer(string? etag) =>
        string.IsNullOrEmpty(etag) ? throw new InvalidOperationException("Cosmos DB returned no ETag.") : etag;

    private static TimeSpan? RetryAfter(Headers headers) =>
        double.TryParse(headers["x-ms-retry-after-ms"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds)
            ? TimeSpan.FromMilliseconds(milliseconds)
            : null;

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            or (HttpStatusCode)449 /* retry with */;

    private static TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } hinted && hinted > TimeSpan.Zero)
            return hinted < MaxBackoff ? hinted : MaxBackoff;
        var exponential = TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt - 1) + Random.Shared.Next(0, 50));
        return exponential < MaxBackoff ? exponential : MaxBackoff;
    }

    private sealed record QueryPage(IReadOnlyList<JsonElement> Documents, string? Continuation, bool LacksCompositeIndex);

    /// <summary>
    /// Orders documents by a path then id, as the embedded store's SQL does: missing first, then
    /// numbers and booleans (as 0/1), then text compared ordinally.
    /// </summary>
    private sealed class JsonPathOrder(DocumentPath path, bool descending) : IComparer<JsonElement>
    {
        private readonly string[] _names = path.Name.Split('.');

        public int Compare(JsonElement x, JsonElement y)
        {
            var order = CompareValues(Find(x), Find(y));
            if (order == 0)
                order = string.CompareOrdinal(x.GetProperty("id").GetString(), y.GetProperty("id").GetString());
            return descending ? -order : order;
        }

        private JsonElement? Find(JsonElement document)
        {
            var current = document;
            foreach (var name in _names)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                    return null;
            }
            return current.ValueKind == JsonValueKind.Null ? null : current;
        }

        private static int CompareValues(JsonElement? x, JsonElement? y)
        {
            var (rankX, rankY) = (Rank(x), Rank(y));
            if (rankX != rankY)
                return rankX.CompareTo(rankY);
            return rankX switch
            {
                0 => 0,
                1 => Number(x!.Value).CompareTo(Number(y!.Value)),
                _ => string.CompareOrdinal(Text(x!.Value), Text(y!.Value)),
            };
        }

        private static int Rank(JsonElement? value) => value?.ValueKind switch
        {
            null => 0,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => 1,
            _ => 2,
        };

        private static double Number(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            _ => value.GetDouble(),
        };

        private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }
}
