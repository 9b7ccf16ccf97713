using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Tests.Time;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.Clocks;

public sealed class ClockTests
{
    private static readonly UserId Alice = new("U0ALICE");
    private static readonly DateTimeOffset Received = Zones.Utc(2026, 3, 2, 9, 0);
    private static readonly ClockDefinition Tco = ClockRules.Default.Find("eu-tco-removal")!;

    private static Clock Start(TimeSpan? window = null, DateTimeOffset? now = null, ClockDefinition? definition = null) =>
        ClockLifecycle.Start(new IncidentBuilder().Build(), "eu-tco-removal", window ?? TimeSpan.FromHours(1), Received, Alice, now ?? Received,
            definition ?? Tco, ClockRules.DefaultWarningPoints, isAutomatic: false).Value;

    [Fact]
    public void Warnings_fall_at_half_three_quarters_and_ninety_percent_and_the_breach_at_the_end()
    {
        var alerts = Start().Alerts().ToList();

        Assert.Equal([Received.AddMinutes(30), Received.AddMinutes(45), Received.AddMinutes(54), Received.AddMinutes(60)], alerts.Select(a => a.At));
        Assert.Equal(["g1-w50", "g1-w75", "g1-w90", "g1-breach"], alerts.Select(a => a.Key));
    }

    [Fact]
    public void Only_the_last_warning_point_pages()
    {
        var clock = Start();

        Assert.False(clock.IsLastWarning("g1-w75"));
        Assert.True(clock.IsLastWarning("g1-w90"));
    }

    [Fact]
    public void A_clock_received_before_it_was_started_has_already_used_time()
    {
        var clock = Start(now: Received.AddMinutes(40));

        Assert.Equal(TimeSpan.FromMinutes(20), clock.Remaining(Received.AddMinutes(40)));
        Assert.Equal(ClockState.Running, clock.State(Received.AddMinutes(40)));
    }

    [Fact]
    public void A_pause_stops_the_clock_and_moves_the_deadline_by_its_length()
    {
        var paused = ClockLifecycle.Pause(Start(), Alice, "order unclear", Received.AddMinutes(20)).Value;

        Assert.Null(paused.DeadlineAt);
        Assert.Equal(TimeSpan.FromMinutes(40), paused.Remaining(Received.AddMinutes(50)));
        Assert.Equal(ClockState.Paused, paused.State(Received.AddHours(3)));

        var resumed = ClockLifecycle.Resume(paused, Alice, Received.AddMinutes(50)).Value;

        Assert.Equal(Received.AddMinutes(90), resumed.DeadlineAt);
        Assert.Equal(Received.AddMinutes(84), resumed.InstantOf(0.9));
        Assert.Equal(TimeSpan.FromMinutes(10), resumed.Remaining(Received.AddMinutes(80)));
    }

    [Fact]
    public void A_clock_whose_rule_has_no_pause_cannot_be_paused()
    {
        var india = ClockRules.Default.Find("in-takedown-order")!;
        var clock = Start(TimeSpan.FromHours(3), definition: india);

        var error = ClockLifecycle.Pause(clock, Alice, null, Received.AddMinutes(5)).Error!;

        Assert.Equal("not_pausable", error.Code);
        Assert.Contains("r.3(1)(d)", error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_breached_clock_cannot_be_paused()
    {
        Assert.Equal("clock_breached", ClockLifecycle.Pause(Start(), Alice, null, Received.AddMinutes(61)).Error!.Code);
    }

    [Fact]
    public void Met_in_time_records_the_time_to_spare()
    {
        var met = ClockLifecycle.Meet(Start(), Alice, Received.AddMinutes(51)).Value;

        Assert.Equal(ClockState.Met, met.State(Received.AddHours(2)));
        Assert.Null(met.BreachedAt);
        Assert.Equal("with 9m to spare", ClockMessages.Outcome(met));
    }

    [Fact]
    public void Met_after_the_deadline_records_the_breach_and_how_late()
    {
        var met = ClockLifecycle.Meet(Start(), Alice, Received.AddMinutes(72)).Value;

        Assert.Equal(ClockState.MetLate, met.State(Received.AddHours(2)));
        Assert.Equal(Received.AddHours(1), met.BreachedAt);
        Assert.Equal("12m late", ClockMessages.Outcome(met));
    }

    [Fact]
    public void Met_while_paused_ends_the_pause()
    {
        var paused = ClockLifecycle.Pause(Start(), Alice, null, Received.AddMinutes(20)).Value;

        var met = ClockLifecycle.Meet(paused, Alice, Received.AddMinutes(100)).Value;

        Assert.Equal(ClockState.Met, met.State(Received.AddHours(3)));
        Assert.Equal(Received.AddMinutes(140), met.DeadlineAt);
    }

    [Fact]
    public void Restarting_forgets_the_alerts_and_starts_a_new_generation()
    {
        var clock = Start() with { Deliveries = [new SentReminder { Key = "g1-w50", PlannedAt = Received, ClaimedAt = Received, SentAt = Received }] };

        var restarted = ClockLifecycle.Restart(clock, TimeSpan.FromHours(1), Received.AddMinutes(-10), Alice, Received.AddMinutes(35)).Value;

        Assert.Equal(2, restarted.Generation);
        Assert.Empty(restarted.Deliveries);
        Assert.Equal("g2-w50", restarted.Alerts().First().Key);
    }

    [Fact]
    public void A_clock_cannot_start_in_the_future_or_long_ago()
    {
        var incident = new IncidentBuilder().Build();
        Result<Clock> At(DateTimeOffset from) => ClockLifecycle.Start(incident, "x", TimeSpan.FromHours(1), from, Alice, Received, null, [0.5], false);

        Assert.Equal("bad_time", At(Received.AddMinutes(5)).Error!.Code);
        Assert.Equal("bad_time", At(Received.AddDays(-31)).Error!.Code);
        Assert.True(At(Received.AddSeconds(30)).IsSuccess);
    }

    [Fact]
    public void An_ad_hoc_clock_may_be_paused()
    {
        var clock = ClockLifecycle.Start(new IncidentBuilder().Build(), "reply", TimeSpan.FromHours(1), Received, Alice, Received, null, [0.5], false).Value;

        Assert.True(ClockLifecycle.Pause(clock, Alice, null, Received.AddMinutes(1)).IsSuccess);
    }

    [Fact]
    public void The_built_in_policy_starts_the_india_clock_for_a_regulator_incident_in_india()
    {
        var incident = new IncidentBuilder().WithSource(IncidentSource.Regulator).WithSeverity(Severity.Sev1).WithMarkets("IN", "NP").Build();

        Assert.Equal(["regulator-ack", "in-takedown-order"], ClockRules.Default.ToStartOnDeclare(incident).Select(d => d.Name));
    }

    [Fact]
    public void The_built_in_policy_starts_no_clock_for_an_internal_incident()
    {
        Assert.Empty(ClockRules.Default.ToStartOnDeclare(new IncidentBuilder().Build()));
    }
}
