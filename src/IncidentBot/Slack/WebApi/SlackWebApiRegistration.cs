using System.Net;
using IncidentBot.Dialogs.Platform;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

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
            .AddStandardResilienceHandler(ConfigureResilience);
        services.TryAddTransient<SlackApiClient>();

        services.AddHttpClient(nameof(SlackResponseUrlClient))
            .UseSocketsHttpHandler(PooledConnections)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(ConfigureResilience);
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
    private static void PooledConnections(SocketsHttpHandler handler, IServiceProvider provider) =>
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    // What the standard handler may and may not do to a Slack call:
    // - Retry: every Slack call is a POST, and with DisableForUnsafeHttpMethods the handler
    //   never retries one. That is what we want twice over: a chat.postMessage repeated after
    //   a timeout posts twice, and a 429 repeated here would honour Retry-After on its own
    //   clock and then again in SlackApiClient's loop, doubling every wait.
    // - Circuit breaker: by default it counts 429 as a failure, so a burst of rate limiting
    //   (an incident storm) would open the circuit and fail calls that only needed to wait.
    //   429 is Slack asking us to slow down, which SlackApiClient does; it is not counted.
    // - Timeouts (10 s per attempt, 30 s total) wrap one HTTP exchange; SlackApiClient's
    //   Retry-After wait happens between exchanges, outside them, so they do not cut it short.
    private static void ConfigureResilience(HttpStandardResilienceOptions options)
    {
        options.Retry.DisableForUnsafeHttpMethods();
        options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(
            args.Outcome is not { Result.StatusCode: HttpStatusCode.TooManyRequests }
            && HttpClientResiliencePredicates.IsTransient(args.Outcome));
    }
}
