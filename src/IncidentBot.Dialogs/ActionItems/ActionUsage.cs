namespace IncidentBot.Dialogs.ActionItems;

public static class ActionUsage
{
    public const string All = "action [add <text> @owner [due <date>] | done <id> | list]";

    public const string Add = "action add <text> @owner [due <date>]";

    public const string Done = "action done <id>";
}
