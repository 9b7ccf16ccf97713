using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Evidence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentBot.Api;

/// <summary>Read-only incident API for dashboards and trend analysis.</summary>
public static class IncidentsApi
{
    public const int MaxLimit = 500;

    /// <param name="workspace">Slack team or Teams tenant id; may be left out when the bot serves one workspace.</param>
    internal static async Task<Results<Ok<IReadOnlyList<IncidentView>>, ValidationProblem>> ListAsync(
        string? workspace, string? status, string? severity, string? source, string? market, string? language, int? limit,
        IncidentStore store, WorkspaceRegistry workspaces, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = new IncidentFilter { Limit = Math.Clamp(limit ?? 100, 1, MaxLimit) };
        if (status is not null)
        {
            if (status.Equals("open", StringComparison.OrdinalIgnoreCase))
                filter = filter with { OpenOnly = true };
            else if (Enum.TryParse<IncidentStatus>(status, ignoreCase: true, out var s) && !int.TryParse(status, out _))
                filter = filter with { Status = s };
            else
                errors["status"] = ["Use open, declared, investigating, mitigated, resolved, closed or cancelled."];
        }
        if (severity is not null)
        {
            if (SeverityText.TryParse(severity, out var sev))
                filter = filter with { Severity = sev };
            else
                errors["severity"] = ["Use sev1, sev2, sev3 or sev4."];
        }
        if (source is not null)
        {
            if (IncidentSourceText.TryParse(source, out var src))
                filter = filter with { Source = src };
            else
                errors["source"] = [$"Use {IncidentSourceText.Choices}."];
        }
        if (market is not null)
        {
            var parsed = MarketCodes.ParseList(market);
            if (parsed.IsSuccess && parsed.Value.Count == 1)
                filter = filter with { Market = parsed.Value[0] };
            else
                errors["market"] = ["Give one ISO 3166 country code, e.g. NP."];
        }
        if (language is not null)
        {
            var parsed = LanguageCodes.ParseList(language);
            if (parsed.IsSuccess && parsed.Value.Count == 1)
                filter = filter with { Language = parsed.Value[0] };
            else
                errors["language"] = ["Give one ISO 639 language code, e.g. ne or bho."];
        }
        var resolved = await ResolveWorkspaceAsync(workspace, workspaces, cancellationToken);
        if (resolved.Error is { } workspaceError)
            errors["workspace"] = [workspaceError];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (resolved.Id is null)
            return TypedResults.Ok<IReadOnlyList<IncidentView>>([]);

        var views = new List<IncidentView>();
        await foreach (var incident in store.ListAsync(resolved.Id, filter, cancellationToken))
            views.Add(IncidentView.From(incident));
        return TypedResults.Ok<IReadOnlyList<IncidentView>>(views);
    }

    internal static async Task<Results<Ok<IncidentView>, NotFound, ValidationProblem>> GetAsync(
        int number, string? workspace, HttpContext http, IncidentStore store, WorkspaceRegistry workspaces, ClockStore clocks, TimeProvider clock,
        AuditTrail audit, CancellationToken cancellationToken)
    {
        var resolved = await ResolveWorkspaceAsync(workspace, workspaces, cancellationToken);
        if (resolved.Error is { } error)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["workspace"] = [error] });
        if (resolved.Id is null || number <= 0)
            return TypedResults.NotFound();
        var found = await store.FindAsync(new WorkspaceId(resolved.Id), new IncidentNumber(number), cancellationToken);
        if (found is null)
            return TypedResults.NotFound();
        var incident = found.Value;
        if (incident.IsRestricted)
            await audit.RestrictedReadAsync(http, incident, "incident", cancellationToken); // redacted, but still a read to account for
        var timeline = new List<TimelineEventView>();
        await foreach (var e in store.TimelineAsync(resolved.Id, incident.Key, cancellationToken))
            timeline.Add(TimelineEventView.Of(e, incident.IsRestricted));
        var now = clock.GetUtcNow();
        var clockViews = (await clocks.ListAsync(incident.Workspace(), incident.Key, cancellationToken)).Select(c => ClockView.Of(c.Value, now, incident.IsRestricted)).ToList();
        return TypedResults.Ok(IncidentView.From(incident, timeline, clockViews));
    }

    /// <summary>The named workspace, or the only one there is; several without a name is a client error.</summary>
    internal static async Task<(string? Id, string? Error)> ResolveWorkspaceAsync(
        string? workspace, WorkspaceRegistry workspaces, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(workspace))
            return (workspace, null);
        var known = new List<string>();
        await foreach (var w in workspaces.ListAsync(cancellationToken))
            known.Add(w.Id);
        return known.Count switch
        {
            0 => (null, null),
            1 => (known[0], null),
            _ => (null, $"This bot serves {known.Count} workspaces; name one with ?workspace=."),
        };
    }
}
