using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using IncidentBot.Api;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IncidentBot.Evidence;

/// <summary>
/// The evidence endpoints: an incident's ledger as JSON lines, page by page; its evidence package
/// (zip, streamed as it is written); the check of such a package; and the audit log. A restricted
/// incident's ledger and package need the <c>evidence</c> scope, and each read of them is audited.
/// </summary>
public static class EvidenceApi
{
    public const string JsonLinesContentType = "application/jsonl; charset=utf-8";
    public const string ZipContentType = "application/zip";
    public const int DefaultLedgerLimit = 1000;
    public const int MaxLedgerLimit = 10_000;

    /// <summary>Response header with the seq of the incident's last entry (0 when it has none).</summary>
    public const string HeadSeqHeader = "X-Ledger-Head-Seq";

    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Evidence")
            .RequireAuthorization(ApiRegistration.PolicyName).AddEndpointFilter<AdminKeyAudit>();
        incidents.MapGet("/{number:int}/ledger", GetLedgerAsync);
        incidents.MapGet("/{number:int}/evidence.zip", GetEvidenceAsync);
        var evidence = app.MapGroup("/api/evidence").WithTags("Evidence")
            .RequireAuthorization(ApiRegistration.PolicyName).AddEndpointFilter<AdminKeyAudit>();
        evidence.MapPost("/verify", VerifyAsync);
        var audit = app.MapGroup("/api/audit").WithTags("Audit")
            .RequireAuthorization(ApiRegistration.AdminPolicyName).AddEndpointFilter<AdminKeyAudit>();
        audit.MapGet("/", GetAuditAsync);
        return app;
    }

    /// <param name="after">Entries after this seq (0: from the first).</param>
    /// <param name="limit">Entries at most, 1 to <see cref="MaxLedgerLimit"/>; the next page starts after the last seq received.</param>
    internal static async Task<Results<PushStreamHttpResult, NotFound, ProblemHttpResult, ValidationProblem>> GetLedgerAsync(
        int number, string? workspace, int? after, int? limit, HttpContext http, IncidentStore store, WorkspaceRegistry workspaces,
        LedgerStore ledgers, AuditTrail audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (after is < 0 || limit is < 1 or > MaxLedgerLimit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["paging"] = [$"after is 0 or more; limit is 1 to {MaxLedgerLimit}."] });
        var located = await LocateAsync(number, workspace, http, store, workspaces, audit, "ledger", cancellationToken);
        if (located.Problem is { } problem)
            return problem;
        if (located.Incident is not { } incident)
            return TypedResults.NotFound();
        var head = await ledgers.HeadAsync(incident.Workspace(), incident.Key, cancellationToken);
        http.Response.Headers[HeadSeqHeader] = (head?.Seq ?? 0).ToString(CultureInfo.InvariantCulture);
        var entries = ledgers.ReadAsync(incident.WorkspaceId, incident.Key, after ?? 0, limit ?? DefaultLedgerLimit, cancellationToken);
        return TypedResults.Stream(body => WriteLinesAsync(entries, body, cancellationToken), JsonLinesContentType);
    }

    internal static async Task<Results<PushStreamHttpResult, NotFound, ProblemHttpResult, ValidationProblem>> GetEvidenceAsync(
        int number, string? workspace, HttpContext http, IncidentStore store, WorkspaceRegistry workspaces, LedgerStore ledgers,
        IDocumentStore documents, PostMortemDrafter drafter, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var located = await LocateAsync(number, workspace, http, store, workspaces, audit, "evidence.zip", cancellationToken);
        if (located.Problem is { } problem)
            return problem;
        if (located.Incident is not { } incident)
            return TypedResults.NotFound();
        // The whole record: a regulator's copy is never redacted; access to it is what the scope guards.
        var postMortem = await drafter.DraftAsync(incident, redact: false, cancellationToken);
        var content = new EvidenceContent(DocumentJson.ToJsonValue(incident), ledgers.ReadAsync(incident.WorkspaceId, incident.Key, 0, null, cancellationToken))
        {
            Reports = ReportsAsync(documents, incident, cancellationToken),
            PostMortem = postMortem,
        };
        var exportedAt = clock.GetUtcNow();
        return TypedResults.Stream(
            body => EvidencePackage.WriteAsync(body, content, exportedAt, cancellationToken),
            ZipContentType,
            fileDownloadName: string.Create(CultureInfo.InvariantCulture, $"{incident.Key.Key}-evidence.zip"));
    }

    /// <summary>The body is buffered to a temporary file (the verifier needs to seek), up to <see cref="ApiOptions.MaxVerifyBytes"/>.</summary>
    internal static async Task<Results<JsonHttpResult<EvidenceVerification>, ProblemHttpResult>> VerifyAsync(
        HttpContext http, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var request = http.Request;
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/zip", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(mediaType, "application/x-zip-compressed", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "Send the evidence package as the body, Content-Type: application/zip.");
        }
        var max = options.Value.MaxVerifyBytes;
        if (request.ContentLength > max)
            return TooLarge(max);
        // Kestrel's default cap (30 MB) is below a long ledger's package; this endpoint keeps its own.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max;

        var path = Path.Combine(Path.GetTempPath(), "incidentbot-verify-" + Guid.NewGuid().ToString("N") + ".zip");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await using (file)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                long total = 0;
                int read;
                while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > max)
                        return TooLarge(max);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            var result = await EvidenceVerifier.VerifyAsync(file, EvidenceLimits.Default with { MaxArchiveBytes = max }, cancellationToken);
            return TypedResults.Json(result, EvidenceJsonContext.Default.EvidenceVerification);
        }
    }

    /// <summary><c>GET /api/audit?from=&amp;to=</c>: the audit log's entries in that time (from inclusive, to exclusive) as JSON lines.</summary>
    internal static Task<Results<PushStreamHttpResult, ValidationProblem>> GetAuditAsync(
        DateTimeOffset? from, DateTimeOffset? to, AuditLog log, CancellationToken cancellationToken)
    {
        if (from is { } start && to is { } end && end < start)
            return Task.FromResult<Results<PushStreamHttpResult, ValidationProblem>>(
                TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["to is after from."] }));
        var entries = log.ReadAsync(from, to, cancellationToken);
        return Task.FromResult<Results<PushStreamHttpResult, ValidationProblem>>(
            TypedResults.Stream(body => WriteLinesAsync(entries, body, cancellationToken), JsonLinesContentType));
    }

    /// <summary>The incident, or why not: 404 when unknown, 403 when restricted and the key lacks <c>evidence</c>; a restricted read is audited.</summary>
    private static async Task<(Incident? Incident, Results<PushStreamHttpResult, NotFound, ProblemHttpResult, ValidationProblem>? Problem)> LocateAsync(
        int number, string? workspace, HttpContext http, IncidentStore store, WorkspaceRegistry workspaces, AuditTrail audit, string what,
        CancellationToken cancellationToken)
    {
        var resolved = await IncidentsApi.ResolveWorkspaceAsync(workspace, workspaces, cancellationToken);
        if (resolved.Error is { } error)
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["workspace"] = [error] }));
        if (resolved.Id is null || number <= 0)
            return (null, null);
        var found = await store.FindAsync(new WorkspaceId(resolved.Id), new IncidentNumber(number), cancellationToken);
        if (found is null)
            return (null, null);
        var incident = found.Value;
        if (incident.IsRestricted)
        {
            if (!AuditTrail.HasScope(http.User, ApiScopes.Evidence))
            {
                return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                    detail: $"{incident.Key.Key} is restricted: its {what} needs a key with the evidence scope."));
            }
            await audit.RestrictedReadAsync(http, incident, what, cancellationToken);
        }
        return (incident, null);
    }

    private static async Task WriteLinesAsync(IAsyncEnumerable<LedgerEntry> entries, Stream body, CancellationToken cancellationToken)
    {
        var lines = new ArrayBufferWriter<byte>(64 * 1024);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            LedgerLine.Write(entry, lines);
            if (lines.WrittenCount >= 60 * 1024)
            {
                await body.WriteAsync(lines.WrittenMemory, cancellationToken);
                lines.ResetWrittenCount();
            }
        }
        await body.WriteAsync(lines.WrittenMemory, cancellationToken);
    }

    /// <summary>Each report joined to the incident, as <c>{id}/report.json</c>, one at a time.</summary>
    private static async IAsyncEnumerable<EvidenceFile> ReportsAsync(
        IDocumentStore documents, Incident incident, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = ReportDocument.QueryFor(incident.WorkspaceId, incident.Number);
        await foreach (var report in documents.QueryAsync<ReportDocument>(query, cancellationToken))
        {
            var bytes = CanonicalJson.Serialize(report.Value.ToExport());
            using var content = new MemoryStream(bytes, writable: false);
            yield return new EvidenceFile(report.Value.Id + "/report.json", content);
        }
    }

    private static ProblemHttpResult TooLarge(long max) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
            detail: string.Create(CultureInfo.InvariantCulture, $"The package is larger than {max} bytes (Api:MaxVerifyBytes)."));
}
