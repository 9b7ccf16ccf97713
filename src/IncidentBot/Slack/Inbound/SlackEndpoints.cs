namespace IncidentBot.Slack.Inbound;

public static class SlackEndpoints
{
    public const string LogCategory = "IncidentBot.Slack";

    /// <summary>The three Slack request URLs of the app manifest, each behind signature verification.</summary>
    public static RouteGroupBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("/slack").WithTags("Slack").AddEndpointFilter<SlackVerificationFilter>().DisableAntiforgery();
        slack.MapPost("/commands", SlackCommandsEndpoint.HandleAsync);
        slack.MapPost("/interactions", SlackInteractionsEndpoint.HandleAsync);
        slack.MapPost("/events", SlackEventsEndpoint.HandleAsync);
        return slack;
    }
}
