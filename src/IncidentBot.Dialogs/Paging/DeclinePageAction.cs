using IncidentBot.Dialogs.Buttons;

namespace IncidentBot.Dialogs.Paging;

/// <summary>Can't take it: recorded; when everyone on the step declined, it escalates at once.</summary>
public sealed class DeclinePageAction(PageResponses responses) : IActionHandler
{
    public string ActionId => PageMessages.DeclineActionId;

    public Task<ActionReply> HandleAsync(ButtonPress press, CancellationToken cancellationToken) =>
        responses.DeclineAsync(press, cancellationToken);
}
