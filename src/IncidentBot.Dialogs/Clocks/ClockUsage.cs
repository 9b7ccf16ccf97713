namespace IncidentBot.Dialogs.Clocks;

/// <summary>The usage lines of the clock commands.</summary>
public static class ClockUsage
{
    public const string All = "clock [start <name> [<duration>] [--from <time>] | met <name> | pause <name> [reason] | resume <name>]";

    public const string Start = "clock start <name> [<duration>] [--from <time>]";

    public const string Met = "clock met <name>";

    public const string Pause = "clock pause <name> [reason]";

    public const string Resume = "clock resume <name>";
}
