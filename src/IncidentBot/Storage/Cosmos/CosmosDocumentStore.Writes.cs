using System.Net;
using System.Text.Json;
using IncidentBot.Dialogs.Storage;
using Microsoft.Azure.Cosmos;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// Writes: one document with the point API, several with a transactional batch in the workspace
/// partition. No write is sent again blindly: throttling (429) and "retry with" (449) mean the
/// write was not carried out and it is retried; a timeout, 408, 503 or a dropped connection may
/// have committed it, so the documents are read back and the batch's operation id (stamped on
/// every document as <c>writeId</c>) says whether it was. A 409/412 after such a retry is settled
/// the same way, so a committed write is never reported as a conflict with itself.
/// </summary>
public sealed partial class CosmosDocumentStore
{
    public async Task<string> CreateAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument =>
        (await CommitAsync(new DocumentBatch(document.WorkspaceId).Create(document), cancellationToken)).ETagOf(document.Id)!;

    public async Task<string> ReplaceAsync<T>(T document, string ifMatch, CancellationToken cancellationToken)
        where T : class, IDocument =>
        (await CommitAsync(new DocumentBatch(document.WorkspaceId).Replace(document, ifMatch), cancellationToken)).ETagOf(document.Id)!;

    public async Task<string> UpsertAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument =>
        (await CommitAsync(new DocumentBatch(document.WorkspaceId).Upsert(document), cancellationToken)).ETagOf(document.Id)!;

    public async Task<bool> DeleteAsync(string workspaceId, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentException.ThrowIfNullOrEmpty(id);
        var batch = new DocumentBatch(workspaceId).Delete(id, ifMatch);
        var outcome = await WriteAsync(batch, [null], cancellationToken);
        return outcome.Missing.Count == 0;
    }

    public async Task<BatchResult> CommitAsync(DocumentBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
            return BatchResult.Empty;
        var bodies = batch.Operations.Select(o => o.Document is null ? null : CosmosDocumentBody.Serialize(o.Document, batch.OperationId, o.KeepForever)).ToArray();
        return (await WriteAsync(batch, bodies, cancellationToken)).Result;
    }

    private async Task<(BatchResult Result, IReadOnlyList<string> Missing)> WriteAsync(DocumentBatch batch, byte[]?[] bodies, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var name = batch.Count == 1 ? Verb(batch.Operations[0].Kind) : "batch";
        var first = batch.Operations[0].Id;
        var maxAttempts = _options.MaxRetryAttempts + 1;
        // Deletes of documents that are already gone: dropped from a batch (Cosmos DB fails a batch on them), not a failure.
        var missing = new List<string>();
        var mayHaveCommitted = false;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await SendAsync(name, batch, bodies, missing, cancellationToken);
            switch (outcome.Kind)
            {
                case SendKind.Committed:
                    return (outcome.Result!, missing);
                case SendKind.DeleteOfMissing:
                    missing.Add(outcome.DocumentId!);
                    if (missing.Count == batch.Count)
                        return (new BatchResult(batch.Operations.ToDictionary(o => o.Id, _ => (string?)null, StringComparer.Ordinal)), missing);
                    attempt--; // not a failed attempt: the batch is smaller now
                    continue;
                case SendKind.ContainerMissing:
                    if (!await RecreateMissingContainerAsync(name, batch.WorkspaceId, cancellationToken))
                        throw Unavailable(name, batch.WorkspaceId, first, "HTTP 404: the container is gone", null, attempt);
                    continue;
                case SendKind.Conflict:
                    if (mayHaveCommitted && await ResolveAsync(name, batch, missing, cancellationToken) is { Committed: true } settled)
                        return (settled.Result!, missing);
                    throw _logger.Conflict(name, batch.WorkspaceId, outcome.DocumentId!, outcome.AlreadyExists);
                case SendKind.Unknown:
                    var resolution = await ResolveAsync(name, batch, missing, cancellationToken);
                    if (resolution.Committed)
                        return (resolution.Result!, missing);
                    mayHaveCommitted |= resolution.IsUndecided;
                    break;
            }
            if (attempt >= maxAttempts)
                throw Unavailable(name, batch.WorkspaceId, first, outcome.Reason!, outcome.Failure, attempt);
            var delay = Backoff(attempt, outcome.RetryAfter);
            _logger.Retrying(name, batch.WorkspaceId, outcome.Reason!, attempt, maxAttempts - 1, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, _clock, cancellationToken);
        }
    }

    private StoreUnavailableException Unavailable(string operation, string workspaceId, string id, string reason, Exception? failure, int attempts)
    {
        _logger.Unavailable(operation, id, workspaceId, reason, failure);
        return new StoreUnavailableException($"Cosmos DB did not complete {operation} after {attempts} attempt(s): {reason}.", failure);
    }

    /// <summary>One attempt, with the request timeout; what came of it.</summary>
    private async Task<SendOutcome> SendAsync(string name, DocumentBatch batch, byte[]?[] bodies, List<string> missing, CancellationToken cancellationToken)
    {
        var started = _clock.GetTimestamp();
        var first = batch.Operations[0].Id;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        try
        {
            var active = Enumerable.Range(0, batch.Count).Where(i => !missing.Contains(batch.Operations[i].Id)).ToArray();
            return active.Length == 1
                ? await SendOneAsync(name, batch, active[0], bodies[active[0]], started, deadline.Token)
                : await SendBatchAsync(name, batch, active, bodies, started, deadline.Token);
        }
        catch (CosmosException e) when (IsRetryable(e.StatusCode) || IsUncertain(e.StatusCode))
        {
            Observe(name, batch.WorkspaceId, first, e.StatusCode, e.RequestCharge, e.Diagnostics, started);
            return IsRetryable(e.StatusCode)
                ? SendOutcome.Retry($"HTTP {(int)e.StatusCode}", e.RetryAfter, e)
                : SendOutcome.Unknown($"HTTP {(int)e.StatusCode}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.Unknown($"no answer within {_options.RequestTimeoutSeconds} s", e);
        }
        catch (HttpRequestException e)
        {
            return SendOutcome.Unknown("unreachable: " + e.HttpRequestError, e);
        }
    }

    private async Task<SendOutcome> SendOneAsync(string name, DocumentBatch batch, int index, byte[]? body, long started, CancellationToken cancellationToken)
    {
        var operation = batch.Operations[index];
        var partition = new PartitionKey(batch.WorkspaceId);
        var options = operation.IfMatch is null ? null : new ItemRequestOptions { IfMatchEtag = operation.IfMatch };
        using var response = operation.Kind switch
        {
            DocumentOperationKind.Create => await _container.CreateItemStreamAsync(Stream(body), partition, null, cancellationToken),
            DocumentOperationKind.Replace => await _container.ReplaceItemStreamAsync(Stream(body), operation.Id, partition, options, cancellationToken),
            DocumentOperationKind.Upsert => await _container.UpsertItemStreamAsync(Stream(body), partition, null, cancellationToken),
            _ => await _container.DeleteItemStreamAsync(operation.Id, partition, options, cancellationToken),
        };
        Observe(name, batch.WorkspaceId, operation.Id, response.StatusCode, response.Headers.RequestCharge, response.Diagnostics, started);
        if (response.IsSuccessStatusCode)
        {
            var etag = operation.Kind == DocumentOperationKind.Delete ? null : FromServer(response.Headers.ETag);
            return SendOutcome.Done(new BatchResult(new Dictionary<string, string?>(StringComparer.Ordinal) { [operation.Id] = etag }));
        }
        return Classify(name, batch, operation, response.StatusCode, RetryAfter(response.Headers), response.ErrorMessage);
    }

    private async Task<SendOutcome> SendBatchAsync(string name, DocumentBatch batch, int[] active, byte[]?[] bodies, long started, CancellationToken cancellationToken)
    {
        var transaction = _container.CreateTransactionalBatch(new PartitionKey(batch.WorkspaceId));
        foreach (var index in active)
        {
            var operation = batch.Operations[index];
            var options = operation.IfMatch is null ? null : new TransactionalBatchItemRequestOptions { IfMatchEtag = operation.IfMatch };
            transaction = operation.Kind switch
            {
                DocumentOperationKind.Create => transaction.CreateItemStream(Stream(bodies[index]), options),
                DocumentOperationKind.Replace => transaction.ReplaceItemStream(operation.Id, Stream(bodies[index]), options),
                DocumentOperationKind.Upsert => transaction.UpsertItemStream(Stream(bodies[index]), options),
                _ => transaction.DeleteItem(operation.Id, options),
            };
        }
        using var response = await transaction.ExecuteAsync(cancellationToken);
        Observe(name, batch.WorkspaceId, batch.Operations[active[0]].Id, response.StatusCode, response.RequestCharge, response.Diagnostics, started);
        if (response.IsSuccessStatusCode)
        {
            var etags = new Dictionary<string, string?>(batch.Count, StringComparer.Ordinal);
            foreach (var operation in batch.Operations)
                etags[operation.Id] = null;
            for (var i = 0; i < active.Length; i++)
            {
                var operation = batch.Operations[active[i]];
                etags[operation.Id] = operation.Kind == DocumentOperationKind.Delete ? null : FromServer(response[i].ETag);
            }
            return SendOutcome.Done(new BatchResult(etags));
        }
        // The operation that failed the batch; the others answer 424 (failed dependency).
        for (var i = 0; i < active.Length && i < response.Count; i++)
        {
            if (response[i].StatusCode != HttpStatusCode.FailedDependency)
                return Classify(name, batch, batch.Operations[active[i]], response[i].StatusCode, response.RetryAfter, response.ErrorMessage);
        }
        return Classify(name, batch, batch.Operations[active[0]], response.StatusCode, response.RetryAfter, response.ErrorMessage);
    }

    private SendOutcome Classify(string name, DocumentBatch batch, DocumentOperation operation, HttpStatusCode status, TimeSpan? retryAfter, string? message)
    {
        switch (status)
        {
            case HttpStatusCode.Conflict:
                return SendOutcome.Conflicted(operation.Id, alreadyExists: true);
            case HttpStatusCode.PreconditionFailed:
                return SendOutcome.Conflicted(operation.Id, alreadyExists: false);
            case HttpStatusCode.NotFound when operation.Kind == DocumentOperationKind.Delete:
                return SendOutcome.DeleteOfMissingDocument(operation.Id);
            // Gone: the port reports it like a changed ETag.
            case HttpStatusCode.NotFound when operation.Kind == DocumentOperationKind.Replace:
                return SendOutcome.Conflicted(operation.Id, alreadyExists: false);
            case HttpStatusCode.NotFound:
                return SendOutcome.MissingContainer();
            case HttpStatusCode.BadRequest:
                throw new InvalidOperationException($"Cosmos DB rejected {name} (HTTP 400): {message}");
            case HttpStatusCode.RequestEntityTooLarge:
                throw new ArgumentException($"Document {operation.Id} is larger than Cosmos DB accepts (HTTP 413).");
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                _logger.Unavailable(name, operation.Id, batch.WorkspaceId, $"HTTP {(int)status}", null);
                throw new StoreUnavailableException($"Cosmos DB refused {name} (HTTP {(int)status}): check Cosmos:ConnectionString, Cosmos:Key, or the identity's role assignment.");
            case var _ when IsRetryable(status):
                return SendOutcome.Retry($"HTTP {(int)status}", retryAfter, null);
            default:
                return SendOutcome.Unknown($"HTTP {(int)status}", null);
        }
    }

    /// <summary>
    /// Reads the batch's documents back after an answer was lost. One document decides: ours by its
    /// writeId (the batch committed, all of it: batches are atomic), or still as the batch found it
    /// (an unchanged ETag, a create's id still free: nothing committed). A document someone else
    /// changed since says nothing; if none decides, the outcome stays open.
    /// </summary>
    private async Task<Resolution> ResolveAsync(string name, DocumentBatch batch, List<string> missing, CancellationToken cancellationToken)
    {
        var stamps = new Dictionary<string, (string? WriteId, string? ETag)?>(StringComparer.Ordinal);
        var decided = (bool?)null;
        foreach (var operation in batch.Operations)
        {
            if (missing.Contains(operation.Id))
                continue;
            var stamp = await ReadStampAsync(name, batch.WorkspaceId, operation.Id, cancellationToken);
            stamps[operation.Id] = stamp;
            if (stamp?.WriteId == batch.OperationId)
            {
                decided = true;
                break;
            }
            var untouched = operation.Kind switch
            {
                DocumentOperationKind.Create => stamp is null,
                DocumentOperationKind.Replace => stamp?.ETag == operation.IfMatch,
                DocumentOperationKind.Delete => stamp is not null && (operation.IfMatch is null || stamp.Value.ETag == operation.IfMatch),
                _ => false,
            };
            if (untouched)
            {
                decided = false;
                break;
            }
        }
        if (decided != true)
        {
            _logger.WriteOutcomeSettled(name, batch.WorkspaceId, batch.OperationId, decided is null ? "undecided" : "not committed");
            return decided is null ? Resolution.Undecided : Resolution.NotCommitted;
        }
        var etags = new Dictionary<string, string?>(batch.Count, StringComparer.Ordinal);
        foreach (var operation in batch.Operations)
        {
            if (operation.Kind == DocumentOperationKind.Delete || missing.Contains(operation.Id))
            {
                etags[operation.Id] = null;
                continue;
            }
            if (!stamps.TryGetValue(operation.Id, out var stamp))
                stamp = await ReadStampAsync(name, batch.WorkspaceId, operation.Id, cancellationToken);
            // Changed again since (or gone): its current ETag, so a write based on ours conflicts as it should.
            etags[operation.Id] = stamp?.ETag ?? "\"gone\"";
        }
        _logger.WriteOutcomeSettled(name, batch.WorkspaceId, batch.OperationId, "committed");
        return new Resolution(true, false, new BatchResult(etags));
    }

    private async Task<(string? WriteId, string? ETag)?> ReadStampAsync(string name, string workspaceId, string id, CancellationToken cancellationToken)
    {
        using var response = await CallAsync(name + " read-back", workspaceId, id,
            token => _container.ReadItemStreamAsync(id, new PartitionKey(workspaceId), null, token), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        EnsureSuccess(name + " read-back", workspaceId, id, response);
        using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
        return CosmosDocumentBody.Stamp(document.RootElement);
    }

    private static MemoryStream Stream(byte[]? body) => new(body ?? throw new InvalidOperationException("A write without a body."), writable: false);

    private static string Verb(DocumentOperationKind kind) => kind switch
    {
        DocumentOperationKind.Create => "create",
        DocumentOperationKind.Replace => "replace",
        DocumentOperationKind.Upsert => "upsert",
        _ => "delete",
    };

    /// <summary>Refused before anything was carried out: safe to send again.</summary>
    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or (HttpStatusCode)449 /* retry with */;

    /// <summary>May or may not have been carried out.</summary>
    private static bool IsUncertain(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.Gone;

    private enum SendKind
    {
        Committed,
        Conflict,
        DeleteOfMissing,
        ContainerMissing,
        Retry,
        Unknown,
    }

    private sealed record SendOutcome(
        SendKind Kind, BatchResult? Result = null, string? DocumentId = null, bool AlreadyExists = false,
        string? Reason = null, TimeSpan? RetryAfter = null, Exception? Failure = null)
    {
        public static SendOutcome Done(BatchResult result) => new(SendKind.Committed, result);

        public static SendOutcome Conflicted(string id, bool alreadyExists) => new(SendKind.Conflict, DocumentId: id, AlreadyExists: alreadyExists);

        public static SendOutcome DeleteOfMissingDocument(string id) => new(SendKind.DeleteOfMissing, DocumentId: id);

        public static SendOutcome MissingContainer() => new(SendKind.ContainerMissing, Reason: "HTTP 404");

        public static SendOutcome Retry(string reason, TimeSpan? retryAfter, Exception? failure) => new(SendKind.Retry, Reason: reason, RetryAfter: retryAfter, Failure: failure);

        public static SendOutcome Unknown(string reason, Exception? failure) => new(SendKind.Unknown, Reason: reason, Failure: failure);
    }

    private sealed record Resolution(bool Committed, bool IsUndecided, BatchResult? Result)
    {
        public static Resolution NotCommitted { get; } = new(false, false, null);

        public static Resolution Undecided { get; } = new(false, true, null);
    }
}
