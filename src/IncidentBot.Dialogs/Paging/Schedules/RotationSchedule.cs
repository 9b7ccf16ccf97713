using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Paging.Schedules;

/// <summary>
/// Who is on call, as pure functions of the rotation, its overrides and an instant. Nothing
/// here reads a clock or a store, so the same question always gets the same answer.
/// </summary>
public static class RotationSchedule
{
    /// <summary>How far ahead handoffs are looked for: further than any sensible shift.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(90);

    private const int MaxSteps = 20_000;

    /// <summary>The person on call at <paramref name="at"/>, or null when nobody is (a gap).</summary>
    public static SchedulePerson? PersonAt(Rotation rotation, IReadOnlyList<OnCallOverride> overrides, DateTimeOffset at) =>
        Source(rotation, overrides, at).Person;

    /// <summary>The current shift (until the person on call changes), or null in a gap.</summary>
    public static OnCallShift? ShiftAt(Rotation rotation, IReadOnlyList<OnCallOverride> overrides, DateTimeOffset at)
    {
        var (person, layer) = Source(rotation, overrides, at);
        if (person is null)
            return null;
        return new OnCallShift(person, at, ChangeAfter(rotation, overrides, at) ?? at + Horizon, layer);
    }

    /// <summary>The shifts from <paramref name="from"/> on, gaps left out; at most <paramref name="count"/>.</summary>
    public static IReadOnlyList<OnCallShift> Shifts(Rotation rotation, IReadOnlyList<OnCallOverride> overrides, DateTimeOffset from, int count)
    {
        var shifts = new List<OnCallShift>();
        var at = from;
        var end = from + Horizon;
        while (shifts.Count < count && at < end)
        {
            var (person, layer) = Source(rotation, overrides, at);
            var until = ChangeAfter(rotation, overrides, at) ?? end;
            if (person is not null)
                shifts.Add(new OnCallShift(person, at, until, layer));
            at = until;
        }
        return shifts;
    }

    /// <summary>The next instant after <paramref name="at"/> at which the person on call changes; null if none within the horizon.</summary>
    public static DateTimeOffset? ChangeAfter(Rotation rotation, IReadOnlyList<OnCallOverride> overrides, DateTimeOffset at)
    {
        var current = PersonAt(rotation, overrides, at);
        var cursor = at;
        var end = at + Horizon;
        for (var step = 0; step < MaxSteps; step++)
        {
            var next = NextBoundary(rotation, overrides, cursor);
            if (next is null || next > end)
                return null;
            if (PersonAt(rotation, overrides, next.Value) != current)
                return next;
            cursor = next.Value;
        }
        return null;
    }

    /// <summary>The shift of one layer that contains the instant, ignoring its restriction and the other layers.</summary>
    public static (SchedulePerson Person, DateTimeOffset From, DateTimeOffset Until)? LayerShift(RotationLayer layer, DateTimeOffset at)
    {
        if (layer.Participants.Count == 0)
            return null;
        var index = ShiftIndex(layer, at);
        var person = layer.Participants[(int)Modulo(index, layer.Participants.Count)];
        return (person, ShiftStart(layer, index), ShiftStart(layer, index + 1));
    }

    /// <summary>The person a layer puts on call at the instant, honouring its restriction.</summary>
    public static SchedulePerson? LayerPersonAt(RotationLayer layer, DateTimeOffset at)
    {
        if (layer.Participants.Count == 0 || !layer.Restriction.Allows(ZonedTime.Local(at, layer.Zone)))
            return null;
        return LayerShift(layer, at)?.Person;
    }

    private static (SchedulePerson? Person, string? Layer) Source(Rotation rotation, IReadOnlyList<OnCallOverride> overrides, DateTimeOffset at)
    {
        OnCallOverride? winner = null;
        foreach (var candidate in overrides)
        {
            if (candidate.RotationId == rotation.Id && candidate.Covers(at)
                && (winner is null || candidate.CreatedAt > winner.CreatedAt
                    || (candidate.CreatedAt == winner.CreatedAt && string.CompareOrdinal(candidate.Id, winner.Id) > 0)))
            {
                winner = candidate;
            }
        }
        if (winner is not null)
            return (SchedulePerson.ByUser(winner.User), null);
        for (var i = rotation.Layers.Count - 1; i >= 0; i--)
        {
            var layer = rotation.Layers[i];
            if (LayerPersonAt(layer, at) is { } person)
                return (person, layer.Name);
        }
        return (null, null);
    }

    /// <summary>The earliest instant after <paramref name="at"/> at which anything that decides who is on call may change.</summary>
    private static DateTimeOffset? NextBoundary(Rotation rotation, IReadOnlyList<OnCallOverride> overrides, DateTimeOffset at)
    {
        DateTimeOffset? best = null;
        void Consider(DateTimeOffset candidate)
        {
            if (candidate > at && (best is null || candidate < best))
                best = candidate;
        }

        foreach (var candidate in overrides)
        {
            if (candidate.RotationId != rotation.Id)
                continue;
            Consider(candidate.From);
            Consider(candidate.Until);
        }
        foreach (var layer in rotation.Layers)
        {
            if (layer.Participants.Count == 0)
                continue;
            Consider(ShiftStart(layer, ShiftIndex(layer, at) + 1));
            var restriction = layer.Restriction;
            if (!restriction.IsRestricted)
                continue;
            var local = ZonedTime.Local(at, layer.Zone);
            Consider(ZonedTime.ToInstant(local.Date.AddDays(1), layer.Zone));
            foreach (var edge in new[] { restriction.From, restriction.Until })
            {
                if (edge is not { } time)
                    continue;
                var today = ZonedTime.ToInstant(local.Date + time.ToTimeSpan(), layer.Zone);
                Consider(today > at ? today : ZonedTime.ToInstant(local.Date.AddDays(1) + time.ToTimeSpan(), layer.Zone));
            }
        }
        return best;
    }

    /// <summary>The number of the shift that contains the instant (negative before the layer's start).</summary>
    private static long ShiftIndex(RotationLayer layer, DateTimeOffset at)
    {
        var local = ZonedTime.Local(at, layer.Zone);
        var index = FloorDivide((local - layer.Start).Ticks, layer.ShiftLength.Ticks);
        // Wall-clock arithmetic is off by the daylight-saving offset near a change; settle on instants.
        while (ShiftStart(layer, index) > at)
            index--;
        while (ShiftStart(layer, index + 1) <= at)
            index++;
        return index;
    }

    private static DateTimeOffset ShiftStart(RotationLayer layer, long index) =>
        ZonedTime.ToInstant(layer.Start + TimeSpan.FromTicks(layer.ShiftLength.Ticks * index), layer.Zone);

    private static long FloorDivide(long a, long b) => a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);

    private static long Modulo(long a, long b) => ((a % b) + b) % b;
}
