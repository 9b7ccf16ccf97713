using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.WebApi;

/// <summary>
/// The one place that speaks HTTP to Slack's Web API: adds the bot token, encodes the body,
/// turns <c>ok: false</c> into <see cref="SlackApiException"/> and waits out HTTP 429.
/// The method families (<see cref="SlackChatApi"/>, <see cref="SlackConversationsApi"/>, ...) build on it.
/// </summary>
/// <remarks>
/// Every call is a POST, reads included: Slack accepts POST for every method, and the
/// standard resilience handler does not retry POSTs, so a 429 always reaches the loop here
/// (on a GET it would retry on its own clock and double our waits).
/// </remarks>
public sealed class SlackApiClient(IHttpClientFactory clients, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackApiClient> logger)
{
    // Made by the first call, not when the chat platform is built at start-up: an idle bot then never builds the
    // resilience pipeline nor loads Polly (issue 12). One client per instance, as the typed client was.
    private readonly Lazy<HttpClient> _http = new(() => clients.CreateClient(nameof(SlackApiClient)));

    /// <summary>Used when a 429 carries no usable <c>Retry-After</c>; Slack's own mocks send 1 to 3 seconds.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>A write method: the arguments as a UTF-8 JSON body.</summary>
    public Task<TResponse> PostJsonAsync<TRequest, TResponse>(
        string method, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return SendAsync(method, () => JsonBody(body), responseType, cancellationToken);
    }

    /// <summary>A write method whose answer carries nothing we need beyond <c>ok</c>.</summary>
    public async Task PostJsonAsync<TRequest>(string method, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken) =>
        await PostJsonAsync(method, request, requestType, SlackWebApiJsonContext.Default.SlackEnvelope, cancellationToken);

    /// <summary>
    /// A method that only takes form fields: Slack ignores a JSON body on reads such as
    /// <c>users.info</c> and <c>conversations.history</c>.
    /// </summary>
    /// <param name="token">Another token than the bot token: the app-level token of <c>apps.connections.open</c>.</param>
    public Task<TResponse> PostFormAsync<TResponse>(
        string method, IEnumerable<KeyValuePair<string, string>> arguments, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken,
        string? token = null)
    {
        var fields = arguments.ToArray();
        return SendAsync(method, () => new FormUrlEncodedContent(fields), responseType, cancellationToken, token);
    }

    /// <summary>
    /// Sends file bytes to an upload URL from <c>files.getUploadURLExternal</c>. The URL is
    /// pre-authorised, so the bot token is not sent with it.
    /// </summary>
    internal async Task UploadAsync(string uploadUrl, HttpContent content, CancellationToken cancellationToken)
    {
        using var owned = content;
        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || url.IsLoopback))
            throw new SlackInvalidResponseException("files.getUploadURLExternal", "the upload_url is not an https URL");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.Value.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Slack's file upload URL answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
    }

    private async Task<TResponse> SendAsync<TResponse>(
        string method, Func<HttpContent> content, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken, string? token = null)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            // A request message cannot be sent twice, so each attempt builds its own.
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(method, UriKind.Relative)) { Content = content() };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? settings.BotToken);
            using var response = await _http.Value.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var delay = RetryAfter(response);
                if (attempt > settings.MaxRateLimitRetries)
                {
                    logger.RateLimitExhausted(method, attempt);
                    throw new SlackRateLimitedException(method, delay, attempt);
                }
                logger.RateLimited(method, delay.TotalSeconds, attempt);
                await Task.Delay(delay, clock, cancellationToken);
                continue;
            }
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"Slack {method} answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return Parse(method, body, responseType);
        }
    }

    private TResponse Parse<TResponse>(string method, byte[] body, JsonTypeInfo<TResponse> responseType)
    {
        SlackEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, SlackWebApiJsonContext.Default.SlackEnvelope);
        }
        catch (JsonException e)
        {
            throw new SlackInvalidResponseException(method, "not a JSON object", e);
        }
        if (envelope?.Ok is not { } ok)
            throw new SlackInvalidResponseException(method, "no \"ok\" field");
        if (!ok)
        {
            var error = envelope.Error ?? "unknown_error";
            logger.ApiError(method, error);
            throw new SlackApiException(method, error, envelope.Needed, envelope.Provided, envelope.Errors, envelope.ResponseMetadata?.Messages);
        }
        if (envelope.Warning is { } warning)
            logger.ApiWarning(method, warning);
        if (envelope is TResponse plain)
            return plain;
        try
        {
            return JsonSerializer.Deserialize(body, responseType)
                ?? throw new SlackInvalidResponseException(method, "null");
        }
        catch (JsonException e)
        {
            throw new SlackInvalidResponseException(method, e.Path is { } path ? $"unexpected content at {path}" : "unexpected content", e);
        }
    }

    private TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } when delta >= TimeSpan.Zero => delta,
            { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => DefaultRetryAfter,
        };

    private static ByteArrayContent JsonBody(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return content;
    }
}
