namespace IncidentBot.Dialogs.Buttons;

/// <summary>Handles presses of the buttons with one action id. Presses can arrive twice (double clicks, retries).</summary>
public interface IActionHandler
{
    string ActionId { get; }

    Task<ActionReply> HandleAsync(ButtonPress press, CancellationToken cancellationToken);
}
