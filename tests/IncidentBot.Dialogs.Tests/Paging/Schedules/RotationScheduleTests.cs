using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Tests.Builders;
using static IncidentBot.Dialogs.Tests.Builders.RotationBuilder;

namespace IncidentBot.Dialogs.Tests.Paging.Schedules;

public sealed class RotationScheduleTests
{
    private static readonly IReadOnlyList<OnCallOverride> NoOverrides = [];

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static Rotation Daily(string zone, string start = "2026-01-05T09:00", TimeSpan? shift = null) =>
        new RotationBuilder().WithLayer(Layer(zone, start, shift)).Build();

    [Theory]
    [InlineData("2026-01-05T08:59", "carol@example.com")]
    [InlineData("2026-01-05T09:00", "alice@example.com")]
    [InlineData("2026-01-06T08:59", "alice@example.com")]
    [InlineData("2026-01-06T09:00", "bob@example.com")]
    [InlineData("2026-01-08T09:00", "alice@example.com")]
    public void Participants_take_daily_shifts_in_order_from_the_start(string at, string expected)
    {
        Assert.Equal(expected, RotationSchedule.PersonAt(Daily("UTC"), NoOverrides, Utc(at))!.Email);
    }

    [Fact]
    public void A_handoff_in_Berlin_stays_at_nine_local_when_clocks_go_forward()
    {
        var rotation = Daily("Europe/Berlin", "2026-03-27T09:00");

        var saturday = RotationSchedule.ShiftAt(rotation, NoOverrides, Utc("2026-03-28T08:00"))!;

        // 09:00 CET is 08:00 UTC; the next 09:00 is summer time, 07:00 UTC: a 23-hour shift.
        Assert.Equal(Bob, saturday.Person);
        Assert.Equal(Utc("2026-03-29T07:00"), saturday.Until);
        Assert.Equal(Carol, RotationSchedule.PersonAt(rotation, NoOverrides, Utc("2026-03-29T07:00")));
        Assert.Equal(Bob, RotationSchedule.PersonAt(rotation, NoOverrides, Utc("2026-03-29T06:59")));
    }

    [Fact]
    public void A_handoff_in_Berlin_stays_at_nine_local_when_clocks_go_back()
    {
        var rotation = Daily("Europe/Berlin", "2026-10-24T09:00");

        var shift = RotationSchedule.ShiftAt(rotation, NoOverrides, Utc("2026-10-24T07:00"))!;

        Assert.Equal(Alice, shift.Person);
        Assert.Equal(Utc("2026-10-25T08:00"), shift.Until); // 25 hours
    }

    [Fact]
    public void A_handoff_in_the_skipped_hour_happens_when_the_clocks_have_moved_on()
    {
        var rotation = Daily("Europe/Berlin", "2026-03-28T02:30");

        // 02:30 does not exist on 29 March in Berlin; the handoff is at 03:30 summer time (01:30 UTC).
        Assert.Equal(Alice, RotationSchedule.PersonAt(rotation, NoOverrides, Utc("2026-03-29T01:29")));
        Assert.Equal(Bob, RotationSchedule.PersonAt(rotation, NoOverrides, Utc("2026-03-29T01:30")));
    }

    [Fact]
    public void A_handoff_in_the_repeated_hour_happens_the_first_time()
    {
        var rotation = Daily("Europe/Berlin", "2026-10-24T02:30");

        // 02:30 occurs twice on 25 October; the first is summer time, 00:30 UTC.
        Assert.Equal(Bob, RotationSchedule.PersonAt(rotation, NoOverrides, Utc("2026-10-25T00:30")));
        Assert.Equal(Alice, RotationSchedule.PersonAt(rotation, NoOverrides, Utc("2026-10-25T00:29")));
    }

    [Fact]
    public void A_weekly_New_York_shift_across_the_spring_change_is_an_hour_shorter()
    {
        var rotation = Daily("America/New_York", "2026-03-02T09:00", TimeSpan.FromDays(7));

        var shift = RotationSchedule.ShiftAt(rotation, NoOverrides, Utc("2026-03-02T14:00"))!;

        Assert.Equal(Alice, shift.Person);
        Assert.Equal(Utc("2026-03-09T13:00"), shift.Until);
        Assert.Equal(TimeSpan.FromHours(7 * 24 - 1), shift.Until - Utc("2026-03-02T14:00"));
    }

    [Fact]
    public void A_weekly_New_York_shift_across_the_autumn_change_is_an_hour_longer()
    {
        var rotation = Daily("America/New_York", "2026-10-26T09:00", TimeSpan.FromDays(7));

        var shift = RotationSchedule.ShiftAt(rotation, NoOverrides, Utc("2026-10-26T13:00"))!;

        Assert.Equal(Utc("2026-11-02T14:00"), shift.Until);
    }

    [Theory]
    [InlineData("2026-06-01T03:14", "carol@example.com")]
    [InlineData("2026-06-01T03:15", "alice@example.com")]
    [InlineData("2026-12-31T03:15", "alice@example.com")]
    public void Kathmandu_hands_off_at_nine_which_is_0315_UTC_all_year(string at, string expected)
    {
        // No daylight saving in Nepal, and a quarter-hour offset: +05:45. 2026-06-01 is shift 147 (147 mod 3 = 0).
        var rotation = Daily("Asia/Kathmandu", "2026-01-05T09:00");

        Assert.Equal(expected, RotationSchedule.PersonAt(rotation, NoOverrides, Utc(at))!.Email);
    }

    [Fact]
    public void Twelve_hour_shifts_in_Kolkata_hand_off_at_0230_and_1430_UTC()
    {
        var rotation = Daily("Asia/Kolkata", "2026-01-05T08:00", TimeSpan.FromHours(12));

        var shifts = RotationSchedule.Shifts(rotation, NoOverrides, Utc("2026-01-05T02:30"), 3);

        Assert.Equal([Utc("2026-01-05T14:30"), Utc("2026-01-06T02:30"), Utc("2026-01-06T14:30")], shifts.Select(s => s.Until));
        Assert.Equal([Alice, Bob, Carol], shifts.Select(s => s.Person));
    }

    [Fact]
    public void Twelve_hour_Berlin_shifts_keep_nine_and_twenty_one_local_across_a_change()
    {
        var rotation = Daily("Europe/Berlin", "2026-03-28T09:00", TimeSpan.FromHours(12));

        var handoffs = RotationSchedule.Shifts(rotation, NoOverrides, Utc("2026-03-28T08:00"), 4).Select(s => s.Until);

        Assert.Equal([Utc("2026-03-28T20:00"), Utc("2026-03-29T07:00"), Utc("2026-03-29T19:00"), Utc("2026-03-30T07:00")], handoffs);
    }

    [Fact]
    public void A_weekend_layer_wins_over_the_weekday_layer_on_its_local_weekend()
    {
        var weekdays = Layer("Europe/Dublin", "2026-01-05T09:00", TimeSpan.FromDays(7), people: [Alice, Bob]);
        var weekends = Layer("Asia/Singapore", "2026-01-02T00:00", TimeSpan.FromDays(1),
            new LayerRestriction { Days = LayerRestriction.Weekend }, Carol, Dan);
        var rotation = new RotationBuilder().WithLayer(weekdays).WithLayer(weekends).Build();

        // Saturday starts in Singapore (UTC+8) at Friday 16:00 UTC.
        Assert.Equal(Alice, RotationSchedule.PersonAt(rotation, NoOverrides, Utc("2026-01-09T15:59")));
        var weekend = RotationSchedule.ShiftAt(rotation, NoOverrides, Utc("2026-01-09T16:00"))!;
        Assert.Equal(Carol, weekend.Person);
        Assert.Equal("layer", weekend.Layer);
        Assert.Equal(Utc("2026-01-10T16:00"), weekend.Until); // Sunday in Singapore: Dan
        Assert.Equal(Dan, RotationSchedule.PersonAt(rotation, NoOverrides, Utc("2026-01-10T16:00")));
        Assert.Equal(Alice, RotationSchedule.PersonAt(rotation, NoOverrides, Utc("2026-01-11T16:00"))); // Monday in Singapore
    }

    [Fact]
    public void A_night_window_belongs_to_the_day_it_started_on()
    {
        var restriction = new LayerRestriction { Days = new HashSet<DayOfWeek> { DayOfWeek.Friday }, From = new(18, 0), Until = new(8, 0) };

        Assert.True(restriction.Allows(new DateTime(2026, 1, 9, 23, 0, 0)));  // Friday night
        Assert.True(restriction.Allows(new DateTime(2026, 1, 10, 7, 59, 0))); // Saturday morning, Friday's night
        Assert.False(restriction.Allows(new DateTime(2026, 1, 10, 8, 0, 0)));
        Assert.False(restriction.Allows(new DateTime(2026, 1, 9, 7, 0, 0)));  // Friday morning is Thursday's night
    }

    [Fact]
    public void A_restricted_layer_alone_leaves_gaps()
    {
        var rotation = new RotationBuilder().WithLayer(Layer("UTC", restriction: new LayerRestriction { Days = LayerRestriction.Weekend })).Build();

        Assert.Null(RotationSchedule.PersonAt(rotation, NoOverrides, Utc("2026-01-07T12:00"))); // Wednesday
        var next = RotationSchedule.Shifts(rotation, NoOverrides, Utc("2026-01-07T12:00"), 1).Single();
        Assert.Equal(Utc("2026-01-10T00:00"), next.From);
    }

    [Fact]
    public void An_override_wins_within_its_window_and_ends_the_shift_before_it()
    {
        var rotation = Daily("UTC");
        var cover = new UserId("U0COVER");
        IReadOnlyList<OnCallOverride> overrides = [Override(cover, Utc("2026-01-05T18:00"), Utc("2026-01-06T02:00"))];

        Assert.Equal(Utc("2026-01-05T18:00"), RotationSchedule.ShiftAt(rotation, overrides, Utc("2026-01-05T10:00"))!.Until);
        var covered = RotationSchedule.ShiftAt(rotation, overrides, Utc("2026-01-05T18:00"))!;
        Assert.True(covered.IsOverride);
        Assert.Equal(cover, covered.Person.User);
        Assert.Equal(Utc("2026-01-06T02:00"), covered.Until);
        Assert.Equal(Alice, RotationSchedule.PersonAt(rotation, overrides, Utc("2026-01-06T02:00")));
    }

    [Fact]
    public void The_newest_of_overlapping_overrides_wins()
    {
        var rotation = Daily("UTC");
        IReadOnlyList<OnCallOverride> overrides =
        [
            Override(new UserId("U0OLD"), Utc("2026-01-05T10:00"), Utc("2026-01-05T20:00"), createdAt: Utc("2026-01-01T00:00")),
            Override(new UserId("U0NEW"), Utc("2026-01-05T12:00"), Utc("2026-01-05T14:00"), createdAt: Utc("2026-01-02T00:00")),
        ];

        Assert.Equal("U0OLD", RotationSchedule.PersonAt(rotation, overrides, Utc("2026-01-05T11:00"))!.User!.Value.Value);
        Assert.Equal("U0NEW", RotationSchedule.PersonAt(rotation, overrides, Utc("2026-01-05T13:00"))!.User!.Value.Value);
        Assert.Equal("U0OLD", RotationSchedule.PersonAt(rotation, overrides, Utc("2026-01-05T15:00"))!.User!.Value.Value);
    }

    [Fact]
    public void An_override_of_another_rotation_changes_nothing()
    {
        var other = Override(new UserId("U0COVER"), Utc("2026-01-05T00:00"), Utc("2026-01-06T00:00")) with { RotationId = "legal-oncall" };

        Assert.Equal(Alice, RotationSchedule.PersonAt(Daily("UTC"), [other], Utc("2026-01-05T12:00")));
    }

    [Fact]
    public void Before_the_first_shift_the_order_runs_backwards()
    {
        Assert.Equal(Carol, RotationSchedule.PersonAt(Daily("UTC"), NoOverrides, Utc("2026-01-04T12:00")));
        Assert.Equal(Bob, RotationSchedule.PersonAt(Daily("UTC"), NoOverrides, Utc("2026-01-03T12:00")));
    }
}
