using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Schedules;

namespace IncidentBot.Dialogs.Tests.Builders;

/// <summary>A rotation with one daily 09:00 layer in UTC (alice, bob, carol) that tests change where it matters.</summary>
public sealed class RotationBuilder
{
    public static readonly SchedulePerson Alice = SchedulePerson.ByEmail("alice@example.com");
    public static readonly SchedulePerson Bob = SchedulePerson.ByEmail("bob@example.com");
    public static readonly SchedulePerson Carol = SchedulePerson.ByEmail("carol@example.com");
    public static readonly SchedulePerson Dan = SchedulePerson.ByEmail("dan@example.com");

    private readonly List<RotationLayer> _layers = [];

    public static RotationLayer Layer(
        string zone = "UTC", string start = "2026-01-05T09:00", TimeSpan? shift = null, LayerRestriction? restriction = null, params SchedulePerson[] people) => new()
        {
            Name = "layer",
            Zone = TimeZoneInfo.FindSystemTimeZoneById(zone),
            Start = DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            ShiftLength = shift ?? TimeSpan.FromDays(1),
            Participants = people.Length > 0 ? people : [Alice, Bob, Carol],
            Restriction = restriction ?? LayerRestriction.None,
        };

    public RotationBuilder WithLayer(RotationLayer layer)
    {
        _layers.Add(layer);
        return this;
    }

    public Rotation Build() => new()
    {
        Id = "tns-primary",
        Name = "T&S primary",
        TeamId = "tns",
        Layers = _layers.Count > 0 ? _layers : [Layer()],
    };

    public static OnCallOverride Override(UserId user, DateTimeOffset from, DateTimeOffset until, DateTimeOffset? createdAt = null) => new()
    {
        WorkspaceId = "T0WORKSPACE",
        RotationId = "tns-primary",
        User = user,
        From = from,
        Until = until,
        CreatedBy = new UserId("U0LEAD"),
        CreatedAt = createdAt ?? from.AddDays(-1),
    };
}
