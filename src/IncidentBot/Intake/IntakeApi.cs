using System.Text.Json;
using IncidentBot.Dialogs;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Http;
using IncidentBot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IncidentBot.Intake;

/// <summary>
/// <c>POST /api/intake/reports</c> (one report), <c>/reports/batch</c> (up to 500, answered per
/// item) and <c>/email</c> (a raw RFC 822 order, regulator key): authenticated per source by key
/// and, where configured, signature; 202 when stored, 200 for a repeat (the same body), 400 naming
/// each bad field, 401, 413 above the size limit, 503 when the store cannot take it now. A single
/// report and an e-mail write as urgent (<see cref="WritePriority"/>), like a Slack acknowledgement;
/// a batch stays background (see <see cref="PostBatchAsync"/>).
/// </summary>
public static class IntakeApi
{
    public const string LogCategory = "IncidentBot.Intake";

    /// <summary>
    /// Reports of one batch recorded side by side. The store writes whatever waits in one transaction, so a batch's
    /// reports waiting together cost fewer, larger transactions: at 64, a batch of 50 took 0.93x the CPU a report
    /// and answered sooner than eight at a time (PERFORMANCE.md, seventeenth session).
    /// </summary>
    public const int BatchParallelism = 64;

    internal static async Task<Results<Accepted<IntakeReportAnswer>, Ok<IntakeReportAnswer>, ValidationProblem, ProblemHttpResult>> PostReportAsync(
        HttpRequest request, IntakeAuthenticator authenticator, IntakeRecorder recorder, IntakeTarget target, IncidentRules rules,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var (caller, body, refusal) = await AdmitAsync(request, authenticator, IntakeOptions.MaxReportBytes, logger, cancellationToken);
        if (refusal is not null)
            return refusal;
        // A caller (an order, a flagger's escalation) waits for this answer: its writes go before background jobs'.
        using var answering = WritePriority.Acknowledging();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            logger.BadReport(caller!.SourceName, 1);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body is not valid JSON."] });
        }
        using (document)
        {
            var (report, errors) = IntakeReportReader.Read(document.RootElement, caller!, clock.GetUtcNow(), rules.Clocks);
            if (report is null)
            {
                logger.BadReport(caller!.SourceName, errors.Count);
                return TypedResults.ValidationProblem(errors);
            }
            var answer = await RecordAsync(recorder, target, report, logger, cancellationToken);
            return answer.Status switch
            {
                StatusCodes.Status202Accepted => TypedResults.Accepted((string?)null, answer.Answer!),
                StatusCodes.Status200OK => TypedResults.Ok(answer.Answer!),
                _ => TypedResults.Problem(statusCode: answer.Status, title: "The report was not stored", detail: answer.Detail),
            };
        }
    }

    /// <summary>
    /// Up to 500 reports from a detection system: its writes stay background, so a batch cannot fill the
    /// urgent line ahead of people waiting on Slack, Teams or a single report (the gate gives background
    /// a turn after every few urgent writes, so the batch still moves).
    /// </summary>
    internal static async Task<Results<Ok<IntakeBatchAnswer>, ValidationProblem, ProblemHttpResult>> PostBatchAsync(
        HttpRequest request, IntakeAuthenticator authenticator, IntakeRecorder recorder, IntakeTarget target, IncidentRules rules,
        IOptionsMonitor<IntakeOptions> options, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var (caller, body, refusal) = await AdmitAsync(request, authenticator, options.CurrentValue.MaxBatchBytes, logger, cancellationToken);
        if (refusal is not null)
            return refusal;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body is not valid JSON."] });
        }
        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("reports", out var list) && list.ValueKind == JsonValueKind.Array ? list
                : (JsonElement?)null;
            if (items is not { } reports)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reports"] = ["Send a JSON array of reports, or {\"reports\": [...]}."] });
            if (reports.GetArrayLength() is 0 or > IntakeOptions.MaxBatchReports)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reports"] = [$"Send 1 to {IntakeOptions.MaxBatchReports} reports in one batch."] });
            var now = clock.GetUtcNow();
            var elements = reports.EnumerateArray().ToArray();
            var results = new IntakeBatchItemAnswer[elements.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, elements.Length),
                new ParallelOptions { MaxDegreeOfParallelism = BatchParallelism, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var element = elements[index];
                    if (System.Text.Encoding.UTF8.GetByteCount(element.GetRawText()) > IntakeOptions.MaxReportBytes)
                    {
                        results[index] = new IntakeBatchItemAnswer(index, StatusCodes.Status413PayloadTooLarge) { Detail = $"A report may be at most {IntakeOptions.MaxReportBytes / 1024} KiB." };
                        return;
                    }
                    var (report, errors) = IntakeReportReader.Read(element, caller!, now, rules.Clocks);
                    if (report is null)
                    {
                        results[index] = new IntakeBatchItemAnswer(index, StatusCodes.Status400BadRequest) { Errors = errors };
                        return;
                    }
                    var recorded = await RecordAsync(recorder, target, report, logger, token);
                    results[index] = recorded.Answer is { } answer
                        ? new IntakeBatchItemAnswer(index, recorded.Status)
                        {
                            ReportId = answer.ReportId,
                            Incident = answer.Incident,
                            Merged = answer.Merged,
                            Language = answer.Language,
                            LanguageConfidence = answer.LanguageConfidence,
                        }
                        : new IntakeBatchItemAnswer(index, recorded.Status) { Detail = recorded.Detail };
                });
            var refused = results.Count(r => r.Status == StatusCodes.Status400BadRequest);
            if (refused > 0)
                logger.BadReport(caller!.SourceName, refused);
            return TypedResults.Ok(new IntakeBatchAnswer(results));
        }
    }

    internal static async Task<Results<Accepted<IntakeReportAnswer>, Ok<IntakeReportAnswer>, ValidationProblem, ProblemHttpResult>> PostEmailAsync(
        HttpRequest request, string? market, string? language, string? regime, string? severity,
        IntakeAuthenticator authenticator, IntakeRecorder recorder, IntakeTarget target, ReportStore reports, AttachmentKeeper keeper, WorkQueue work,
        IncidentRules rules, IOptionsMonitor<IntakeOptions> options, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var settings = options.CurrentValue;
        var (caller, body, refusal) = await AdmitAsync(request, authenticator, settings.Email.MaxMessageBytes, logger, cancellationToken);
        if (refusal is not null)
            return refusal;
        if (caller!.Source != IncidentSource.Regulator)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Orders by e-mail come from the regulator source",
                detail: "Use the regulator source's key for the e-mail relay.");
        // The relay waits for this answer as a person would: the order's writes go before background jobs'.
        using var answering = WritePriority.Acknowledging();

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = IntakeReportReader.Read(QueryReport(market, language, regime, severity), caller, clock.GetUtcNow(), rules.Clocks);
        foreach (var (field, messages) in query.Errors.Where(e => e.Key is not ("externalId" or "text")))
            errors[field.StartsWith("order.", StringComparison.Ordinal) ? field[6..] : field] = messages;
        var email = await EmailReportReader.ReadAsync(body, settings.EmailAuthorities, clock.GetUtcNow(), settings.Email.MaxAttachments, cancellationToken);
        if (email is null)
        {
            errors["body"] = ["The body is not an RFC 822 message (Content-Type: message/rfc822)."];
            return TypedResults.ValidationProblem(errors);
        }
        if (email.Report.Title is null && email.Report.Text is null)
            errors["text"] = ["The message has neither a subject nor a text part."];
        if (errors.Count > 0)
        {
            logger.BadReport(caller.SourceName, errors.Count);
            return TypedResults.ValidationProblem(errors);
        }
        var workspace = target.Workspace;
        if (await reports.FindAsync(workspace, StoredReport.IdFor(caller.SourceName, email.Report.ExternalId), cancellationToken) is { } stored)
            return TypedResults.Ok(IntakeReportAnswer.Of(IntakeOutcome.Of(stored, isRepeat: true)));
        var fromQuery = query.Report;
        var attachments = new List<ReportAttachment>();
        var reportId = StoredReport.IdFor(caller.SourceName, email.Report.ExternalId);
        try
        {
            // Asked for before the chunks exist, so chunks of a report that is then refused are looked after too.
            if (email.Attachments.Count > 0)
                await work.RequestAsync(workspace, IntakeWork.KeepAttachments, reportId, clock.GetUtcNow() + AttachmentKeepWork.FirstLook, cancellationToken);
            foreach (var attachment in email.Attachments)
            {
                attachments.Add(await keeper.KeepAsync(workspace.Value, reportId, attachment.FileName, attachment.ContentType, attachment.Content,
                    settings.Email.MaxAttachmentBytes, cancellationToken));
            }
        }
        catch (StoreUnavailableException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The report was not stored", detail: "The store is unavailable; send it again shortly.");
        }
        var report = email.Report with
        {
            Market = fromQuery?.Market,
            Language = fromQuery?.Language,
            Severity = fromQuery?.Severity,
            Order = email.Report.Order! with { Regime = fromQuery?.Order?.Regime },
            Attachments = attachments,
        };
        var answer = await RecordAsync(recorder, target, report, logger, cancellationToken);
        return answer.Status switch
        {
            StatusCodes.Status202Accepted => TypedResults.Accepted((string?)null, answer.Answer!),
            StatusCodes.Status200OK => TypedResults.Ok(answer.Answer!),
            _ => TypedResults.Problem(statusCode: answer.Status, title: "The report was not stored", detail: answer.Detail),
        };
    }

    /// <summary>The e-mail endpoint's query (market, language, regime, severity: the relay's mailbox says them) read as a report would be.</summary>
    private static JsonElement QueryReport(string? market, string? language, string? regime, string? severity)
    {
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["externalId"] = "query",
            ["text"] = "query",
            ["market"] = market,
            ["language"] = language,
            ["severity"] = severity,
            ["order"] = new System.Text.Json.Nodes.JsonObject { ["regime"] = regime },
        };
        return JsonSerializer.SerializeToElement(json);
    }

    /// <summary>Key, size, then signature (which needs the body): the caller, the body, or the refusal.</summary>
    private static async Task<(IntakeCaller? Caller, byte[] Body, ProblemHttpResult? Refusal)> AdmitAsync(
        HttpRequest request, IntakeAuthenticator authenticator, int limit, ILogger logger, CancellationToken cancellationToken)
    {
        var caller = authenticator.Identify(request);
        if (caller is null)
        {
            logger.Refused(request.Path.Value ?? "", "no valid key");
            return (null, [], TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "Send your source's intake key as Authorization: Bearer <key>."));
        }
        var body = await LimitedRequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return (caller, [], TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large",
                detail: $"The body may be at most {limit / 1024} KiB."));
        }
        if (authenticator.CheckSignature(caller, request, body) is { } problem)
        {
            logger.Refused(request.Path.Value ?? "", "bad signature");
            return (caller, [], TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: problem));
        }
        return (caller, body, null);
    }

    private static async Task<(int Status, IntakeReportAnswer? Answer, string? Detail)> RecordAsync(
        IntakeRecorder recorder, IntakeTarget target, IntakeReport report, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var result = await recorder.RecordAsync(target.Workspace, await target.PlatformAsync(cancellationToken), report, cancellationToken);
            if (!result.IsSuccess)
                return (StatusCodes.Status503ServiceUnavailable, null, result.Error.Message.ToPlainText());
            return (result.Value.IsRepeat ? StatusCodes.Status200OK : StatusCodes.Status202Accepted, IntakeReportAnswer.Of(result.Value), null);
        }
        catch (StoreUnavailableException e)
        {
            logger.StoreUnavailable(e);
            return (StatusCodes.Status503ServiceUnavailable, null, "The store is unavailable; send the report again shortly.");
        }
    }
}
