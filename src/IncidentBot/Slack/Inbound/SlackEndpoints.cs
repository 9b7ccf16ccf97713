using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentBot.Slack.Inbound;

/// <summary>What the three Slack request URLs share (mapped by <see cref="SlackRegistration.MapSlack"/>): their log category and the HTTP form of an answer.</summary>
public static class SlackEndpoints
{
    public const string LogCategory = "IncidentBot.Slack";

    /// <summary>The HTTP form of an answer: 200 (with the body, if any), 400 for what could not be read, 500 to have Slack retry.</summary>
    internal static Results<Ok<JsonObject>, Ok, BadRequest<JsonObject>, StatusCodeHttpResult> ToHttp(SlackAnswer answer) => answer switch
    {
        { Outcome: SlackOutcome.Malformed } => TypedResults.BadRequest(answer.Body ?? SlackReplies.Text("The request could not be read.")),
        { Outcome: SlackOutcome.NotHandled } => TypedResults.StatusCode(StatusCodes.Status500InternalServerError),
        { Body: { } body } => TypedResults.Ok(body),
        _ => TypedResults.Ok(),
    };
}
