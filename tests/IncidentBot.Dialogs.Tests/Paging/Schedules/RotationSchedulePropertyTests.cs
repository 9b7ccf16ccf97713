using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Tests.Builders;

namespace IncidentBot.Dialogs.Tests.Paging.Schedules;

public sealed class RotationSchedulePropertyTests
{
    public sealed record Case(RotationLayer Layer, DateTimeOffset At)
    {
        public override string ToString() =>
            $"{Layer.Zone.Id} start {Layer.Start:yyyy-MM-dd HH:mm} shift {Layer.ShiftLength} x{Layer.Participants.Count} at {At:u}";
    }

    public sealed record OverrideCase(Case Case, DateTimeOffset From, TimeSpan Length, TimeSpan Offset)
    {
        public override string ToString() => $"{Case}; override {From:u} for {Length}, probe +{Offset}";
    }

    public static class Cases
    {
        /// <summary>Zones with daylight saving on both hemispheres, without it, and with odd offsets.</summary>
        private static readonly string[] Zones =
            ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Asia/Kolkata", "Australia/Sydney", "America/St_Johns", "Pacific/Chatham"];

        private static readonly SchedulePerson[] People =
            [RotationBuilder.Alice, RotationBuilder.Bob, RotationBuilder.Carol, RotationBuilder.Dan];

        private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public static Arbitrary<Case> Case() => CaseGen().ToArbitrary();

        public static Arbitrary<OverrideCase> OverrideCase() =>
            (from c in CaseGen()
             from startMinutes in Gen.Choose(-3 * 24 * 60, 3 * 24 * 60)
             from lengthMinutes in Gen.Choose(1, 5 * 24 * 60)
             from probe in Gen.Choose(0, 5 * 24 * 60)
             select new OverrideCase(c, c.At.AddMinutes(startMinutes), TimeSpan.FromMinutes(lengthMinutes), TimeSpan.FromMinutes(probe))).ToArbitrary();

        private static Gen<Case> CaseGen() =>
            from zone in Gen.Elements(Zones)
            from startDays in Gen.Choose(0, 700)
            from handoffMinutes in Gen.Choose(0, 24 * 60 - 1)
            from shiftHours in Gen.Elements(1, 2, 8, 12, 24, 48, 72, 168, 336)
            from count in Gen.Choose(1, 4)
            from atMinutes in Gen.Choose(-30 * 24 * 60, 800 * 24 * 60)
            select new Case(new RotationLayer
            {
                Name = "layer",
                Zone = TimeZoneInfo.FindSystemTimeZoneById(zone),
                Start = new DateTime(2025, 1, 1).AddDays(startDays).AddMinutes(handoffMinutes),
                ShiftLength = TimeSpan.FromHours(shiftHours),
                Participants = People[..count],
            }, Epoch.AddMinutes(atMinutes));
    }

    [Property(MaxTest = 400, Arbitrary = [typeof(Cases)])]
    public void At_every_instant_exactly_one_participant_of_a_layer_is_on_call(Case c)
    {
        var shift = RotationSchedule.LayerShift(c.Layer, c.At);

        Assert.NotNull(shift);
        Assert.Contains(shift.Value.Person, c.Layer.Participants);
        Assert.True(shift.Value.From <= c.At && c.At < shift.Value.Until, $"{shift.Value.From:u} <= {c.At:u} < {shift.Value.Until:u}");
        // The instant just before the shift belongs to the previous shift, whose person comes before in the order.
        var previous = RotationSchedule.LayerShift(c.Layer, shift.Value.From.AddTicks(-1))!.Value;
        Assert.Equal(shift.Value.From, previous.Until);
        var index = c.Layer.Participants.ToList().IndexOf(shift.Value.Person);
        Assert.Equal(c.Layer.Participants[(index + c.Layer.Participants.Count - 1) % c.Layer.Participants.Count], previous.Person);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Cases)])]
    public void A_shift_holds_one_person_until_the_handoff_and_another_takes_over(Case c)
    {
        var rotation = new Rotation { Id = "tns-primary", Name = "r", TeamId = "tns", Layers = [c.Layer] };

        var shift = RotationSchedule.ShiftAt(rotation, [], c.At)!;

        Assert.NotNull(shift);
        var middle = c.At + (shift.Until - c.At) / 2;
        Assert.Equal(shift.Person, RotationSchedule.PersonAt(rotation, [], middle));
        Assert.Equal(shift.Person, RotationSchedule.PersonAt(rotation, [], shift.Until.AddTicks(-1)));
        if (c.Layer.Participants.Count > 1)
            Assert.NotEqual(shift.Person, RotationSchedule.PersonAt(rotation, [], shift.Until));
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Cases)])]
    public void An_override_wins_within_its_window_and_only_there(OverrideCase c)
    {
        var rotation = new Rotation { Id = "tns-primary", Name = "r", TeamId = "tns", Layers = [c.Case.Layer] };
        var cover = new UserId("U0COVER");
        var entry = RotationBuilder.Override(cover, c.From, c.From + c.Length);
        var probe = c.From - TimeSpan.FromDays(1) + c.Offset;

        var person = RotationSchedule.PersonAt(rotation, [entry], probe)!;

        if (entry.Covers(probe))
            Assert.Equal(cover, person.User);
        else
            Assert.Equal(RotationSchedule.PersonAt(rotation, [], probe), person);
    }
}
