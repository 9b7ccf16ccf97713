namespace IncidentBot.Dialogs.Storage;

public enum DocumentOperationKind
{
    Create,
    Replace,
    Upsert,
    Delete,
}
