using IncidentBot.Dialogs.Buttons;

namespace IncidentBot.Dialogs.Paging;

/// <summary>Acknowledge: the first press of anyone paged for the chain wins; the presser joins the incident.</summary>
public sealed class AcknowledgePageAction(PageResponses responses) : IActionHandler
{
    public string ActionId => PageMessages.AcknowledgeActionId;

    public Task<ActionReply> HandleAsync(ButtonPress press, CancellationToken cancellationToken) =>
        responses.AcknowledgeAsync(press, cancellationToken);
}
