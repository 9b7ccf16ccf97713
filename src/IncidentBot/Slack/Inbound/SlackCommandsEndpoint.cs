using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Inbound;

/// <summary><c>POST /slack/commands</c>: reads the form, then <see cref="SlackCommandHandler"/> does the rest.</summary>
internal static class SlackCommandsEndpoint
{
    public static async Task<Results<Ok<JsonObject>, Ok, BadRequest<JsonObject>, StatusCodeHttpResult>> HandleAsync(
        HttpContext http,
        SlackCommandHandler handler,
        IOptionsMonitor<SlackOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var body = http.Features.Get<SlackRequestBody>()!;
        var command = SlashCommand.TryParse(Encoding.UTF8.GetString(body.Bytes), out var problem);
        if (command is null)
        {
            loggers.CreateLogger(SlackEndpoints.LogCategory).Malformed("command", "-", problem!);
            return SlackEndpoints.ToHttp(SlackAnswer.Malformed($"The command could not be read ({problem})."));
        }
        // A replayed request carries the same signature: that is what is remembered.
        var delivery = new SlackDelivery("slack-signature:" + body.Signature, options.CurrentValue.ReplayClaimLifetime, "replay");
        return SlackEndpoints.ToHttp(await handler.HandleAsync(command, delivery, cancellationToken));
    }
}
