namespace IncidentBot.Dialogs.StepDialogs;

/// <summary>How long a question waits for its answer; the host sets it from the platform's settings (<c>Teams:DialogTimeoutMinutes</c>).</summary>
public sealed record StepDialogOptions(TimeSpan Timeout)
{
    public static StepDialogOptions Default { get; } = new(TimeSpan.FromMinutes(10));
}
