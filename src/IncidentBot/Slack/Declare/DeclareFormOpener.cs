using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Slack.WebApi;

namespace IncidentBot.Slack.Declare;

/// <summary>
/// Opens the declare modal with <c>views.open</c>. It must happen on the request: a
/// <c>trigger_id</c> is only good for 3 seconds, so the call gets a 2-second budget.
/// </summary>
public sealed class DeclareFormOpener(SlackViewsApi views, ILogger<DeclareFormOpener> logger)
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    /// <returns>False when Slack refused or did not answer in time (the person is told to type the command instead).</returns>
    public async Task<bool> OpenAsync(string workspaceId, string triggerId, DeclareForm form, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            await views.OpenAsync(triggerId, DeclareModal.Build(form), budget.Token);
            return true;
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.FormNotOpened(workspaceId, e is SlackApiException api ? api.Error : e.GetType().Name);
            return false;
        }
    }
}
