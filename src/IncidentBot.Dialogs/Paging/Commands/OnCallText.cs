using System.Globalization;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary>Texts the on-call commands share.</summary>
public static class OnCallText
{
    public static UserError NotConfigured { get; } = new("paging_not_configured",
        $"Paging is not configured here: an operator sets {RichText.Code("OnCall:ConfigPath")} to the on-call file (see docs/OPERATIONS.md).");

    /// <summary>A time in the reader's zone, as a handoff is talked about: <c>Tue 25 Nov 09:00</c>.</summary>
    public static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        ZonedTime.Local(at, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    public static UserError UnknownTeam(OnCallConfig config, string name, string usage) =>
        new("unknown_team", $"There is no team or rotation {RichText.Code(name)} in the on-call file. Teams: {RichText.Join(RichText.Text(", "), config.Teams.Select(t => RichText.Code(t.Id)))}.", usage);
}
