using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentBot.Slack.Inbound;

/// <summary><c>POST /slack/events</c>: reads the JSON body, then <see cref="SlackEventHandler"/> does the rest.</summary>
internal static class SlackEventsEndpoint
{
    public const string RetryNumHeader = "X-Slack-Retry-Num";

    public static async Task<Results<Ok<JsonObject>, Ok, BadRequest<JsonObject>, StatusCodeHttpResult>> HandleAsync(
        HttpContext http,
        SlackEventHandler handler,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var body = http.Features.Get<SlackRequestBody>()!;
        EventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body.Bytes, SlackInboundJson.Default.EventEnvelope);
        }
        catch (JsonException)
        {
            envelope = null;
        }
        if (envelope is null)
        {
            loggers.CreateLogger(SlackEndpoints.LogCategory).Malformed("event", "-", "body is not valid JSON");
            return SlackEndpoints.ToHttp(SlackAnswer.Malformed("The event could not be read."));
        }
        var retry = http.Request.Headers[RetryNumHeader].ToString();
        return SlackEndpoints.ToHttp(await handler.HandleAsync(envelope, retry.Length > 0 ? retry : "0", cancellationToken));
    }
}
