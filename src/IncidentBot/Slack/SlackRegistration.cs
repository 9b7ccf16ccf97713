using IncidentBot.Slack.Declare;
using IncidentBot.Slack.Inbound;
using IncidentBot.Slack.SocketMode;
using IncidentBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack;

public static class SlackRegistration
{
    /// <summary>
    /// Slack in and out, over the request URLs (signing secret) and/or Socket Mode (app token).
    /// Missing secrets do not stop the bot: it starts, logs what to set, and its Slack endpoints
    /// answer 503 with that message.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackVerificationFilter>();
        services.AddSlackWebApi();
        services.AddSingleton<DeclareFormOpener>();
        // The core of each Slack request URL, shared by the HTTP endpoints and Socket Mode.
        services.AddSingleton<SlackCommandHandler>();
        services.AddSingleton<SlackInteractionHandler>();
        services.AddSingleton<SlackEventHandler>();
        services.AddSlackSocketMode();
        services.AddHostedService<SlackStartupCheck>();
        return services;
    }

    /// <summary>The three Slack request URLs of the app manifest, each behind signature verification.</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("/slack").WithTags("Slack").AddEndpointFilter<SlackVerificationFilter>().DisableAntiforgery();
        slack.MapPost("/commands", SlackCommandsEndpoint.HandleAsync);
        slack.MapPost("/interactions", SlackInteractionsEndpoint.HandleAsync);
        slack.MapPost("/events", SlackEventsEndpoint.HandleAsync);
        return app;
    }

    /// <summary>Says at start-up what an operator still has to configure.</summary>
    private sealed class SlackStartupCheck(IOptions<SlackOptions> options, ILogger<SlackStartupCheck> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.IsConfigured)
                logger.SlackDisabled(options.Value.MissingSettingsMessage);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
