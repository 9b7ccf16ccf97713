namespace IncidentBot.Dialogs.ActionItems;

/// <summary>How long an overdue action item keeps reminding its owner.</summary>
public sealed record ActionItemRules
{
    /// <summary>Daily reminders after the due one while the item stays open.</summary>
    public int OverdueReminders { get; init; } = 10;

    public static ActionItemRules Default { get; } = new();
}
