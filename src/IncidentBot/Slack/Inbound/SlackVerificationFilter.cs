using IncidentBot.Http;
using IncidentBot.Storage;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Inbound;

/// <summary>
/// Runs before every Slack endpoint: 503 with the missing settings when Slack is not
/// configured; otherwise reads the raw body once, verifies it, and answers 401 (and a log
/// line naming the reason, never the signature) when it is not from Slack.
/// </summary>
internal sealed class SlackVerificationFilter(
    SlackRequestVerifier verifier,
    IOptionsMonitor<SlackOptions> options,
    ILogger<SlackVerificationFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var settings = options.CurrentValue;
        if (!settings.IsConfigured)
        {
            logger.NotConfigured(http.Request.Path, settings.MissingSettingsMessage);
            return TypedResults.Problem(settings.MissingSettingsMessage, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Slack is not configured");
        }
        if (!settings.AcceptsRequestUrls)
        {
            // Socket Mode only: without a signing secret nothing could tell Slack's requests from forged ones.
            logger.NotConfigured(http.Request.Path, SlackOptions.RequestUrlsOffMessage);
            return TypedResults.Problem(SlackOptions.RequestUrlsOffMessage, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Slack request URLs are off");
        }

        var bytes = await LimitedRequestBody.ReadAsync(http.Request, SlackRequestBody.MaxBytes, http.RequestAborted);
        if (bytes is null)
        {
            logger.Rejected(http.Request.Path, "body too large");
            return TypedResults.Problem("Request body too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var signature = http.Request.Headers[SlackRequestVerifier.SignatureHeader].ToString();
        var verdict = verifier.Verify(http.Request.Headers[SlackRequestVerifier.TimestampHeader].ToString(), signature, bytes);
        if (verdict != SlackVerification.Valid)
        {
            logger.Rejected(http.Request.Path, verdict.ToString());
            return TypedResults.Problem("The request is not signed by Slack.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }
        http.Features.Set(new SlackRequestBody(bytes, signature));
        // Slack waits at most 3 seconds for the answer: this request's writes go before background jobs'.
        using var acknowledging = WritePriority.Acknowledging();
        return await next(context);
    }
}
