using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Buttons;

public sealed class ActionDispatcher(IEnumerable<IActionHandler> handlers)
{
    private readonly Dictionary<string, IActionHandler> _handlers = handlers.ToDictionary(h => h.ActionId, StringComparer.Ordinal);

    public bool Handles(string actionId) => _handlers.ContainsKey(actionId);

    public Task<ActionReply> DispatchAsync(ButtonPress press, CancellationToken cancellationToken) =>
        _handlers.TryGetValue(press.ActionId, out var handler)
            ? handler.HandleAsync(press, cancellationToken)
            : Task.FromResult(ActionReply.Note(RichText.Text("That button no longer does anything; the message may be out of date.")));
}
