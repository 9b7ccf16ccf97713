namespace IncidentBot.Dialogs.Commands;

public enum CommandScope
{
    /// <summary>Works anywhere and is not about one incident (<c>declare</c>, <c>list</c>, <c>help</c>).</summary>
    Workspace,
    /// <summary>Acts on one incident: the channel's, or the one named with <c>INC-n</c> first.</summary>
    Incident,
}
