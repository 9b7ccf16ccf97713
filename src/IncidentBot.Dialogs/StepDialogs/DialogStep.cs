using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.StepDialogs;

/// <summary>What a dialog says now, and where it goes next (null: it is finished).</summary>
public sealed record DialogStep(ChatMessage Reply, string? Next, IReadOnlyDictionary<string, string> Values)
{
    public bool IsFinished => Next is null;

    public static DialogStep Ask(ChatMessage prompt, string next, IReadOnlyDictionary<string, string> values) => new(prompt, next, values);

    public static DialogStep Done(ChatMessage reply) => new(reply, null, new Dictionary<string, string>());
}
