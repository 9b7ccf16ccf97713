using IncidentBot.Dialogs.Buttons;

namespace IncidentBot.Dialogs.Paging;

/// <summary>Escalate now: the current step's wait ends at once.</summary>
public sealed class EscalatePageAction(PageResponses responses) : IActionHandler
{
    public string ActionId => PageMessages.EscalateActionId;

    public Task<ActionReply> HandleAsync(ButtonPress press, CancellationToken cancellationToken) =>
        responses.EscalateNowAsync(press, cancellationToken);
}
