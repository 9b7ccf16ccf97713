using System.Net;
using IncidentBot.Dialogs.Platform;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace IncidentBot.Slack.WebApi;

public static class SlackWebApiRegistration
{
    /// <summary>
    /// The outbound Slack layer: Web API clients, the response_url client and
    /// <see cref="SlackChatPlatform"/> as an <see cref="IChatPlatform"/>. The host binds and
    /// validates <see cref="SlackOptions"/>.
    /// </summary>
    public static IServiceCollection AddSlackWebApi(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        // Named, not typed: the clients make their HttpClient on first use (see SlackApiClient).
        services.AddHttpClient(nameof(SlackApiClient), (provider, http) =>
            {
                var baseUrl = provider.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl;
                // Without the trailing slash "chat.postMessage" would replace the "api" segment.
                http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            })
            .UseSocketsHttpHandler(PooledConnections)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("slack-web-api", ConfigureResilience);
        services.TryAddTransient<SlackApiClient>();

        services.AddHttpClient(nameof(SlackResponseUrlClient))
            .UseSocketsHttpHandler(PooledConnections)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("slack-response-url", ConfigureResilience);
        services.TryAddTransient<SlackResponseUrlClient>();

        services.TryAddSingleton<SlackChatApi>();
        services.TryAddSingleton<SlackConversationsApi>();
        services.TryAddSingleton<SlackPinsApi>();
        services.TryAddSingleton<SlackReactionsApi>();
        services.TryAddSingleton<SlackUsersApi>();
        services.TryAddSingleton<SlackViewsApi>();
        services.TryAddSingleton<SlackFilesApi>();
        services.TryAddSingleton<SlackAppsApi>();
        services.TryAddSingleton<SlackChatPlatform>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatPlatform, SlackChatPlatform>(
            provider => provider.GetRequiredService<SlackChatPlatform>()));
        return services;
    }

    // The API families are singletons (ChatPlatforms, a singleton, holds the platform), so
    // they keep one HttpClient each. Microsoft's recipe for that: the factory never recycles
    // the handler, and the sockets handler renews its connections so DNS changes still apply.
    // Slack's Web API and response URLs answer where they are asked, never with a redirect.
    private static void PooledConnections(SocketsHttpHandler handler, IServiceProvider provider)
    {
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
        handler.AllowAutoRedirect = false;
    }

    /// <summary>How long one exchange with Slack may take before it is abandoned.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    // Only what a Slack call can use, not the standard handler's five strategies, whose per-call
    // state was a tenth of all a declare allocated (PERFORMANCE.md, eighteenth session):
    // - No retry: every Slack call is a POST, and a chat.postMessage repeated after a timeout
    //   posts twice (the standard handler's retry was already off for POSTs). 429 is waited out
    //   by SlackApiClient; a failed send is retried by the work item that made it (issue 12).
    // - No rate limiter: Slack's limits are per method and workspace, answered with 429.
    // - A circuit breaker that does not count 429: a burst of rate limiting (an incident storm)
    //   is Slack asking us to slow down, which SlackApiClient does, not a failure.
    // - One timeout per exchange; SlackApiClient's Retry-After wait happens between exchanges,
    //   outside it, so it does not cut the wait short.
    // The client's own log lines (start and end of every request) are removed: SlackApiClient logs
    // what went wrong with the method's name, and the OpenTelemetry instrumentation times each call.
    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome is not { Result.StatusCode: HttpStatusCode.TooManyRequests }
                && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
        });
        pipeline.AddTimeout(CallTimeout);
    }
}
