using System.Buffers;
using System.Globalization;
using IncidentBot.Api;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IncidentBot.Evidence;

/// <summary>
/// The evidence endpoints: an incident's ledger as JSON lines, page by page; its evidence package
/// (zip, streamed as it is written); the check of such a package; the audit log; and the one-time
/// download links chat users are sent where a platform takes no files. A restricted incident's
/// ledger and package need the <c>evidence</c> scope (or, by a link, membership), and each read of them is audited.
/// </summary>
public static class EvidenceApi
{
    public const string JsonLinesContentType = "application/jsonl; charset=utf-8";
    public const string ZipContentType = "application/zip";
    public const int DefaultLedgerLimit = 1000;
    public const int MaxLedgerLimit = 10_000;

    /// <summary>Response header with the seq of the incident's last entry (0 when it has none).</summary>
    public const string HeadSeqHeader = "X-Ledger-Head-Seq";

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
        int number, string? workspace, HttpContext http, IncidentStore store, WorkspaceRegistry workspaces, EvidenceExport export,
        AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var located = await LocateAsync(number, workspace, http, store, workspaces, audit, "evidence.zip", cancellationToken);
        if (located.Problem is { } problem)
            return problem;
        if (located.Incident is not { } incident)
            return TypedResults.NotFound();
        return await PackageAsync(incident, export, clock, cancellationToken);
    }

    /// <summary>
    /// <c>GET /api/evidence/links/{workspace}/{token}</c>: a one-time link a chat user was sent for a
    /// package (Teams takes no files from a bot). The link is the credential, so no API key; it works
    /// once and briefly, its user must still be allowed the package, and a restricted read is audited
    /// under that user with the downloader's address.
    /// </summary>
    internal static async Task<Results<PushStreamHttpResult, NotFound, ProblemHttpResult>> GetLinkedEvidenceAsync(
        string workspace, string token, HttpContext http, EvidenceLinks links, IncidentStore store, EvidenceExport export,
        AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(links);
        var redeemed = await links.RedeemAsync(workspace, token, cancellationToken);
        if (!redeemed.IsSuccess)
        {
            return redeemed.Error.Code == "gone"
                ? TypedResults.Problem(statusCode: StatusCodes.Status410Gone, detail: redeemed.Error.Message.ToPlainText())
                : TypedResults.NotFound();
        }
        var link = redeemed.Value;
        var found = await store.FindAsync(new WorkspaceId(link.WorkspaceId), new IncidentNumber(link.Number), cancellationToken);
        if (found is null)
            return TypedResults.NotFound();
        var incident = found.Value;
        if (!EvidenceAccess.MayReceive(incident, link.User))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: EvidenceAccess.Refusal(incident));
        if (incident.IsRestricted)
            await audit.RestrictedReadAsync(http, incident, "evidence.zip (chat link)", link.Actor, cancellationToken);
        return await PackageAsync(incident, export, clock, cancellationToken);
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

    /// <summary>The package, streamed as it is written.</summary>
    private static async Task<PushStreamHttpResult> PackageAsync(Incident incident, EvidenceExport export, TimeProvider clock, CancellationToken cancellationToken)
    {
        var content = await export.ContentAsync(incident, cancellationToken);
        var exportedAt = clock.GetUtcNow();
        return TypedResults.Stream(
            body => EvidencePackage.WriteAsync(body, content, exportedAt, cancellationToken),
            ZipContentType,
            fileDownloadName: EvidenceExport.FileName(incident));
    }

    private static ProblemHttpResult TooLarge(long max) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
            detail: string.Create(CultureInfo.InvariantCulture, $"The package is larger than {max} bytes (Api:MaxVerifyBytes)."));
}
