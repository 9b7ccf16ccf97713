namespace IncidentBot.Dialogs.ActionItems;

public enum ActionItemStatus
{
    Open,
    Done,
}
