using System.Text.Json.Nodes;

namespace IncidentBot.Slack.WebApi;

/// <summary>The <c>views.*</c> methods (modals).</summary>
public sealed class SlackViewsApi(SlackApiClient client)
{
    private static SlackWebApiJsonContext Json => SlackWebApiJsonContext.Default;

    /// <summary>Opens a modal. A <paramref name="triggerId"/> is good for 3 seconds after the user's action.</summary>
    public async Task<SlackView> OpenAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        var response = await client.PostJsonAsync("views.open", new ViewsOpenRequest(triggerId, view), Json.ViewsOpenRequest, Json.ViewResponse, cancellationToken);
        return response.View;
    }

    /// <param name="hash">The hash of the view being replaced: Slack refuses (<c>hash_conflict</c>) if it changed since.</param>
    public async Task<SlackView> UpdateAsync(string viewId, JsonObject view, string? hash, CancellationToken cancellationToken)
    {
        var response = await client.PostJsonAsync("views.update", new ViewsUpdateRequest(viewId, view, hash), Json.ViewsUpdateRequest, Json.ViewResponse, cancellationToken);
        return response.View;
    }
}
