using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Inbound;

/// <summary><c>POST /slack/interactions</c>: reads the form's <c>payload</c>, then <see cref="SlackInteractionHandler"/> does the rest.</summary>
internal static class SlackInteractionsEndpoint
{
    public static async Task<Results<Ok<JsonObject>, Ok, BadRequest<JsonObject>, StatusCodeHttpResult>> HandleAsync(
        HttpContext http,
        SlackInteractionHandler handler,
        IOptionsMonitor<SlackOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var body = http.Features.Get<SlackRequestBody>()!;
        var payload = Parse(Encoding.UTF8.GetString(body.Bytes), out var problem);
        if (payload is null)
        {
            loggers.CreateLogger(SlackEndpoints.LogCategory).Malformed("interaction", "-", problem ?? "payload is null");
            return SlackEndpoints.ToHttp(SlackAnswer.Malformed("The interaction could not be read."));
        }
        var delivery = new SlackDelivery("slack-signature:" + body.Signature, options.CurrentValue.ReplayClaimLifetime, "replay");
        return SlackEndpoints.ToHttp(await handler.HandleAsync(payload, delivery, cancellationToken));
    }

    private static InteractionPayload? Parse(string body, out string? problem)
    {
        problem = null;
        var form = QueryHelpers.ParseQuery(body);
        if (!form.TryGetValue("payload", out var json) || json.Count != 1)
        {
            problem = "payload field missing";
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(json.ToString(), SlackInboundJson.Default.InteractionPayload);
        }
        catch (JsonException)
        {
            problem = "payload is not valid JSON";
            return null;
        }
    }
}
