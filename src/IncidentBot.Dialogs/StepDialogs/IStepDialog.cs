using IncidentBot.Dialogs.Commands;

namespace IncidentBot.Dialogs.StepDialogs;

/// <summary>
/// A small multi-turn conversation: a prompt, the person's answer, the next prompt, until done.
/// Steps are named; values are strings, so the state is a plain stored document.
/// </summary>
public interface IStepDialog
{
    string Name { get; }

    Task<DialogStep> BeginAsync(CommandContext context, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken);

    Task<DialogStep> ContinueAsync(CommandContext context, string step, IReadOnlyDictionary<string, string> values, string answer, CancellationToken cancellationToken);
}
