using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.StepDialogs;

/// <summary>
/// Runs <see cref="IStepDialog"/>s with their state in the store, keyed by conversation and
/// person: begin, continue with each answer, <c>cancel</c> at any step, expire after
/// <see cref="StepDialogOptions.Timeout"/>. Replaces carry the ETag, so two answers at once cannot
/// both move the same dialog on.
/// </summary>
public sealed class StepDialogRunner(
    IDocumentStore documents,
    IEnumerable<IStepDialog> dialogs,
    TimeProvider clock,
    StepDialogOptions options,
    ILogger<StepDialogRunner> logger)
{
    /// <summary>Words that stop a dialog instead of answering it.</summary>
    public static readonly IReadOnlySet<string> CancelWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "cancel", "stop", "quit", "never mind" };

    private readonly Dictionary<string, IStepDialog> _dialogs = dialogs.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public async Task<ChatMessage> BeginAsync(string dialogName, CommandContext context, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dialog = _dialogs[dialogName];
        var step = await dialog.BeginAsync(context, values, cancellationToken);
        var conversation = context.Channel?.Value ?? "";
        if (step.IsFinished)
        {
            await EndAsync(context, cancellationToken);
            return step.Reply;
        }
        await documents.UpsertAsync(new StepDialogState
        {
            WorkspaceId = context.Workspace.Value,
            ConversationId = conversation,
            User = context.Actor.Value,
            Dialog = dialogName,
            Step = step.Next!,
            Values = step.Values,
            ExpiresAt = clock.GetUtcNow().Add(options.Timeout),
        }, cancellationToken);
        logger.Dialog(dialogName, context.Workspace, context.Actor.Value, "began at " + step.Next);
        return step.Reply;
    }

    /// <summary>Offers a message to the dialog waiting for this person in this conversation, if any.</summary>
    public async Task<DialogReply> ContinueAsync(CommandContext context, string answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answer);
        var id = StepDialogState.IdFor(context.Channel?.Value ?? "", context.Actor.Value);
        var stored = await documents.ReadAsync<StepDialogState>(context.Workspace, id, cancellationToken);
        if (stored is null || !_dialogs.TryGetValue(stored.Value.Dialog, out var dialog))
            return DialogReply.None;
        var state = stored.Value;
        if (state.ExpiresAt <= clock.GetUtcNow())
        {
            await documents.DeleteAsync(context.Workspace, id, null, cancellationToken);
            logger.Dialog(state.Dialog, context.Workspace, context.Actor.Value, "expired");
            return DialogReply.Expired;
        }
        if (CancelWords.Contains(answer.Trim()))
        {
            await documents.DeleteAsync(context.Workspace.Value, id, null, cancellationToken);
            logger.Dialog(state.Dialog, context.Workspace, context.Actor.Value, "cancelled");
            return new DialogReply(DialogOutcome.Answered, ChatMessage.Plain(RichText.Text("Okay, I've stopped. Nothing was declared.")));
        }

        var step = await dialog.ContinueAsync(context, state.Step, state.Values, answer.Trim(), cancellationToken);
        try
        {
            if (step.IsFinished)
            {
                await documents.DeleteAsync(context.Workspace, id, stored.ETag, cancellationToken);
                logger.Dialog(state.Dialog, context.Workspace, context.Actor.Value, "finished");
            }
            else
            {
                await documents.ReplaceAsync(state with
                {
                    Step = step.Next!,
                    Values = step.Values,
                    ExpiresAt = clock.GetUtcNow().Add(options.Timeout),
                }, stored.ETag, cancellationToken);
            }
        }
        catch (DocumentConflictException)
        {
            // Another message moved (or ended) the dialog meanwhile; that answer stands.
            logger.Dialog(state.Dialog, context.Workspace, context.Actor.Value, "raced");
        }
        return new DialogReply(DialogOutcome.Answered, step.Reply);
    }

    /// <summary>Forgets the dialog of this person in this conversation (the card they were also offered was submitted).</summary>
    public async Task EndAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await documents.DeleteAsync(context.Workspace, StepDialogState.IdFor(context.Channel?.Value ?? "", context.Actor.Value), null, cancellationToken);
    }
}
