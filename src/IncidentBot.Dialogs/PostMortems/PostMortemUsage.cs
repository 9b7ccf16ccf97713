namespace IncidentBot.Dialogs.PostMortems;

public static class PostMortemUsage
{
    public const string All = "postmortem [owner @user | done <link>]";

    public const string Owner = "postmortem owner @user";

    public const string Done = "postmortem done <link>";
}
