using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.StepDialogs;

/// <summary>The runner's answer: the outcome and, when answered, what to say.</summary>
public sealed record DialogReply(DialogOutcome Outcome, ChatMessage? Message)
{
    public static DialogReply None { get; } = new(DialogOutcome.NoDialog, null);

    public static DialogReply Expired { get; } = new(DialogOutcome.Expired, null);
}
