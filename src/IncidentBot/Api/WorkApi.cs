using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentBot.Api;

/// <summary>
/// Work that failed too often and was set aside (a page DM Slack kept refusing, a channel that
/// could not be made): listed for an operator, and put back in line once the cause is fixed.
/// </summary>
public static class WorkApi
{
    internal static async Task<Ok<IReadOnlyList<SetAsideWorkView>>> ListSetAsideAsync(
        IDocumentStore documents, WorkspaceRegistry workspaces, CancellationToken cancellationToken)
    {
        var views = new List<SetAsideWorkView>();
        await foreach (var workspace in workspaces.ListAsync(cancellationToken))
        {
            await foreach (var item in SetAsideWork.ListAsync(documents, workspace.Id, cancellationToken))
                views.Add(SetAsideWorkView.Of(item));
        }
        return TypedResults.Ok<IReadOnlyList<SetAsideWorkView>>(views);
    }

    /// <param name="workspace">Slack team or Teams tenant id; found by the item's id when left out.</param>
    internal static async Task<Results<Accepted, NotFound>> RetryAsync(
        string id, string? workspace, WorkDispatcher dispatcher, WorkspaceRegistry workspaces, CancellationToken cancellationToken)
    {
        if (workspace is { Length: > 0 })
            return await dispatcher.RetryAsync(workspace, id, cancellationToken) ? TypedResults.Accepted((string?)null) : TypedResults.NotFound();
        await foreach (var known in workspaces.ListAsync(cancellationToken))
        {
            if (await dispatcher.RetryAsync(known.Id, id, cancellationToken))
                return TypedResults.Accepted((string?)null);
        }
        return TypedResults.NotFound();
    }
}
