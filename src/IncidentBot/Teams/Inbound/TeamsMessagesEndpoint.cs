using IncidentBot.Http;
using IncidentBot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json;

namespace IncidentBot.Teams.Inbound;

/// <summary>
/// <c>POST /api/messages</c>, the Bot Framework messaging endpoint. Before anything runs: without
/// an app id, the request must come from this machine (loopback peer, no forwarding header) without
/// credentials and name a Bot Connector on this machine (401 otherwise: an unauthenticated bot would
/// otherwise serve, and post to, whoever reaches it); the activity must be readable and carry what
/// every Teams activity carries (400 otherwise); it must come from the <c>msteams</c> channel and the
/// configured tenant (403 otherwise). A refused activity changes nothing, not even the stored
/// conversation references. With an app id the adapter validates the Bot Framework token: one it
/// refuses or cannot read is a 401; a failure of ours while checking (the signing keys unreachable)
/// is a 503, which the Bot Connector retries.
/// </summary>
internal static class TeamsMessagesEndpoint
{
    public const string LogCategory = "IncidentBot.Teams";

    public static async Task<Results<Ok, ContentHttpResult, StatusCodeHttpResult, UnauthorizedHttpResult, ProblemHttpResult>> HandleAsync(
        HttpContext http,
        IOptions<TeamsOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            logger.NotConfigured(settings.MissingSettingsMessage);
            return TypedResults.Problem(settings.MissingSettingsMessage, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Teams is not configured");
        }
        return await ServeAsync(http, settings, logger, cancellationToken);
    }

    /// <summary>
    /// The configured endpoint. Its own method, resolving the adapter here: with Teams off they are not
    /// registered (<see cref="TeamsRegistration.AddTeams"/>), and nothing before this names a Bot Framework type.
    /// </summary>
    private static async Task<Results<Ok, ContentHttpResult, StatusCodeHttpResult, UnauthorizedHttpResult, ProblemHttpResult>> ServeAsync(
        HttpContext http, TeamsOptions settings, ILogger logger, CancellationToken cancellationToken)
    {
        var adapter = http.RequestServices.GetRequiredService<TeamsAdapter>();
        var bot = http.RequestServices.GetRequiredService<TeamsBot>();
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!settings.IsAuthenticated)
        {
            if (TeamsLocalCallers.WhyNotLocal(http) is { } notLocal)
            {
                logger.Refused(notLocal + ", and no Teams:MicrosoftAppId is configured");
                return TypedResults.Unauthorized();
            }
            if (authorization.Length > 0)
            {
                // Without an app id there is nothing to check a token against: refuse rather than guess.
                logger.Refused("Authorization header sent, but no Teams:MicrosoftAppId is configured");
                return TypedResults.Unauthorized();
            }
        }

        var (activity, problem) = await ReadAsync(http.Request, settings.MaxActivityBytes, cancellationToken);
        if (activity is null)
        {
            logger.Malformed(problem!);
            return problem == TooLarge
                ? TypedResults.Problem(problem, statusCode: StatusCodes.Status413PayloadTooLarge)
                : TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity");
        }
        if (!TeamsServiceUrls.IsAbsoluteHttp(activity.ServiceUrl))
        {
            logger.Malformed("serviceUrl missing or not an http(s) URL");
            return TypedResults.Problem("serviceUrl missing or not an http(s) URL.", statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity");
        }
        if (!settings.IsAuthenticated && !TeamsServiceUrls.IsLoopback(activity.ServiceUrl))
        {
            logger.Refused("serviceUrl is not a loopback address and no Teams:MicrosoftAppId is configured");
            return TypedResults.Unauthorized();
        }
        if (!string.Equals(activity.ChannelId, Channels.Msteams, StringComparison.Ordinal))
        {
            // Web Chat and Direct Line are on by default on an Azure Bot; this bot serves Teams only.
            logger.Refused("activity from a channel other than msteams");
            return TypedResults.Problem("This bot serves Microsoft Teams only.", statusCode: StatusCodes.Status403Forbidden);
        }
        if (TeamsTurn.From(activity) is not { } who)
        {
            logger.Malformed("tenant, conversation or sender missing");
            return TypedResults.Problem("The activity lacks its tenant, conversation or sender.", statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity");
        }
        if (!string.Equals(who.Workspace.Value, settings.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            logger.Refused("activity from another tenant");
            return TypedResults.Problem("This bot serves one tenant.", statusCode: StatusCodes.Status403Forbidden);
        }

        InvokeResponse? answer;
        try
        {
            // The channel waits for the reply: this activity's writes go before background jobs'.
            using (WritePriority.Acknowledging())
                answer = await adapter.ProcessAsync(authorization, activity, bot, cancellationToken);
        }
        catch (UnauthorizedAccessException)
        {
            logger.Refused("Bot Framework token missing or invalid");
            return TypedResults.Unauthorized();
        }
        catch (Exception e) when (e is SecurityTokenException or ArgumentException or FormatException && !http.Response.HasStarted)
        {
            // A token that cannot be read or validated: the caller's fault.
            logger.Refused("authentication failed: " + e.GetType().Name);
            return TypedResults.Unauthorized();
        }
        catch (Exception e) when (e is not OperationCanceledException && !http.Response.HasStarted)
        {
            // The turn's own failures are handled by the adapter's OnTurnError; what else escapes is
            // ours (e.g. the signing keys' metadata unreachable): not the caller's, so not a 401.
            // The Bot Connector retries a 503.
            logger.AuthenticationUnavailable(e);
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        if (answer is null)
            return TypedResults.Ok();
        if (answer.Body is null)
            return TypedResults.StatusCode(answer.Status);
        return TypedResults.Content(
            JsonConvert.SerializeObject(answer.Body, HttpHelper.BotMessageSerializerSettings), "application/json", statusCode: answer.Status);
    }

    private const string TooLarge = "The activity is larger than Teams:MaxActivityBytes.";

    private static async Task<(Activity? Activity, string? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (await LimitedRequestBody.ReadAsync(request, maxBytes, cancellationToken) is not { } bytes)
            return (null, TooLarge);
        if (bytes.Length == 0)
            return (null, "The body is empty.");
        try
        {
            using var text = new StreamReader(new MemoryStream(bytes));
            using var reader = new JsonTextReader(text) { MaxDepth = 64 };
            var token = await Newtonsoft.Json.Linq.JToken.ReadFromAsync(reader, cancellationToken);
            if (token is not Newtonsoft.Json.Linq.JObject json)
                return (null, "The body is not a JSON object.");
            var activity = json.ToObject<Activity>(Newtonsoft.Json.JsonSerializer.Create(HttpHelper.BotMessageSerializerSettings));
            return string.IsNullOrEmpty(activity?.Type) ? (null, "The activity has no type.") : (activity, null);
        }
        catch (JsonException)
        {
            return (null, "The body is not a readable activity.");
        }
        catch (ArgumentException)
        {
            return (null, "The body is not a readable activity.");
        }
    }
}
