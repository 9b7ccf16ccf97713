using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Work;
using IncidentBot.Evidence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentBot.Api;

/// <summary><c>GET /api/incidents/{number}/postmortem.md</c>: the post-mortem draft as Markdown.</summary>
internal static class PostMortemApi
{
    public const string MarkdownContentType = "text/markdown; charset=utf-8";

    /// <summary>A restricted incident's draft leaves out its title, texts and names, as the rest of the API does.</summary>
    internal static async Task<Results<ContentHttpResult, NotFound, ValidationProblem>> GetDraftAsync(
        int number, string? workspace, HttpContext http, IncidentStore store, WorkspaceRegistry workspaces, PostMortemDrafter drafter, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var resolved = await IncidentsApi.ResolveWorkspaceAsync(workspace, workspaces, cancellationToken);
        if (resolved.Error is { } error)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["workspace"] = [error] });
        if (resolved.Id is null || number <= 0)
            return TypedResults.NotFound();
        var found = await store.FindAsync(new WorkspaceId(resolved.Id), new IncidentNumber(number), cancellationToken);
        if (found is null)
            return TypedResults.NotFound();
        if (found.Value.IsRestricted)
            await audit.RestrictedReadAsync(http, found.Value, "postmortem.md", cancellationToken);
        var markdown = await drafter.DraftAsync(found.Value, redact: found.Value.IsRestricted, cancellationToken);
        return TypedResults.Text(markdown, MarkdownContentType);
    }
}
