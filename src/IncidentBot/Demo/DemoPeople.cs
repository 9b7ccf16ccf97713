using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams;

namespace IncidentBot.Demo;

/// <summary>
/// The demo's Trust &amp; Safety team. On Teams they are the people of the Playground configuration
/// in <c>deploy/playground/</c> (by their Entra object ids, as the bot identifies Teams users), so
/// the seeded incidents name the same people the Playground shows.
/// </summary>
internal sealed class DemoPeople
{
    public static readonly TimeZoneInfo Kathmandu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");

    private readonly Dictionary<UserId, TimeZoneInfo> _zones;

    private DemoPeople(string aoife, string malik, string bikash, string sunita, string grace, string luc)
    {
        Aoife = new UserId(aoife);
        Malik = new UserId(malik);
        Bikash = new UserId(bikash);
        Sunita = new UserId(sunita);
        Grace = new UserId(grace);
        Luc = new UserId(luc);
        _zones = new Dictionary<UserId, TimeZoneInfo>
        {
            [Aoife] = TimeZoneInfo.FindSystemTimeZoneById("Europe/Dublin"),
            [Malik] = TimeZoneInfo.FindSystemTimeZoneById("Europe/London"),
            [Bikash] = Kathmandu,
            [Sunita] = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"),
            [Grace] = TimeZoneInfo.FindSystemTimeZoneById("Africa/Accra"),
            [Luc] = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
        };
        Everyone = [.. _zones.Keys];
    }

    public UserId Aoife { get; }

    public UserId Malik { get; }

    public UserId Bikash { get; }

    public UserId Sunita { get; }

    public UserId Grace { get; }

    public UserId Luc { get; }

    public IReadOnlyList<UserId> Everyone { get; }

    public TimeZoneInfo ZoneOf(UserId user) => _zones.GetValueOrDefault(user, TimeZoneInfo.Utc);

    public static DemoPeople For(string platform) => platform == PlatformId.TeamsName
        ? new DemoPeople(
            "00000000-0000-4000-8000-00000000a0f1",
            "00000000-0000-4000-8000-00000000ba11",
            "00000000-0000-4000-8000-00000000b1ca",
            "00000000-0000-4000-8000-000000005a17",
            "00000000-0000-4000-8000-00000000c015",
            "00000000-0000-4000-8000-00000000b011")
        : new DemoPeople("U0DEMOAOIFE", "U0DEMOMALIK", "U0DEMOBIKASH", "U0DEMOSUNITA", "U0DEMOGRACE", "U0DEMOLUC");
}
