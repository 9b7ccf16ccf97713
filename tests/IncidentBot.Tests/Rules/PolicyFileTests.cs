using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Rules;

namespace IncidentBot.Tests.Rules;

public sealed class PolicyFileTests
{
    private static string ExamplePath([CallerFilePath] string testFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testFile)!, "..", "..", "..", "deploy", "policies.example.yaml"));

    [Fact]
    public void The_example_policy_file_is_valid_and_says_exactly_what_the_built_in_defaults_say()
    {
        var result = PolicyFile.Load(ExamplePath());

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var file = result.Rules!;
        var builtIn = IncidentRules.Default;
        Assert.Equal(builtIn.Clocks.WarningPoints, file.Clocks.WarningPoints);
        Assert.Equal(builtIn.Clocks.Definitions.Keys.Order(), file.Clocks.Definitions.Keys.Order());
        foreach (var (name, definition) in builtIn.Clocks.Definitions)
            Assert.Equal(definition, file.Clocks.Definitions[name] with { WarningPoints = definition.WarningPoints });
        Assert.Equal(builtIn.Clocks.AutoStart.Count, file.Clocks.AutoStart.Count);
        for (var i = 0; i < builtIn.Clocks.AutoStart.Count; i++)
        {
            Assert.Equal(builtIn.Clocks.AutoStart[i].Clocks, file.Clocks.AutoStart[i].Clocks);
            Assert.Equal(builtIn.Clocks.AutoStart[i].Sources.Order(), file.Clocks.AutoStart[i].Sources.Order());
            Assert.Equal(builtIn.Clocks.AutoStart[i].Severities.Order(), file.Clocks.AutoStart[i].Severities.Order());
            Assert.Equal(builtIn.Clocks.AutoStart[i].Markets.Order(), file.Clocks.AutoStart[i].Markets.Order());
        }
        Assert.Equal(builtIn.StatusUpdates.Cadence.OrderBy(c => c.Key), file.StatusUpdates.Cadence.OrderBy(c => c.Key));
        Assert.Equal(builtIn.PostMortems.Severities.Order(), file.PostMortems.Severities.Order());
        Assert.Equal(builtIn.PostMortems with { Severities = file.PostMortems.Severities }, file.PostMortems);
        Assert.Equal(builtIn.ActionItems, file.ActionItems);
        Assert.Equal(builtIn.Calendar.Hours.Start, file.Calendar.Hours.Start);
        Assert.Equal(builtIn.Calendar.Hours.End, file.Calendar.Hours.End);
        Assert.Equal(builtIn.Calendar.Hours.Days.Order(), file.Calendar.Hours.Days.Order());
        Assert.Equal(builtIn.Calendar.DefaultZone.BaseUtcOffset, file.Calendar.DefaultZone.BaseUtcOffset);
        Assert.Empty(file.Calendar.Holidays);
        Assert.Equal(builtIn.Intake.MergeWindow, file.Intake.MergeWindow);
        Assert.Equal(builtIn.Intake.DigestInterval, file.Intake.DigestInterval);
        Assert.Equal(builtIn.Intake.RaiseProposalRate, file.Intake.RaiseProposalRate);
        Assert.Equal(builtIn.Intake.TrustedFlaggerFloor, file.Intake.TrustedFlaggerFloor);
        Assert.Equal(builtIn.Intake.TrustedSources.Order(), file.Intake.TrustedSources.Order());
        Assert.Equal(builtIn.Intake.TrustedOrganisations.Order(), file.Intake.TrustedOrganisations.Order());
        Assert.Equal(builtIn.Intake.Severities.OrderBy(s => s.Key), file.Intake.Severities.OrderBy(s => s.Key));
        Assert.Equal(builtIn.Intake.RegimeSeverities.OrderBy(s => s.Key), file.Intake.RegimeSeverities.OrderBy(s => s.Key));
    }

    [Fact]
    public void An_intake_section_sets_trusted_flaggers_and_names_each_bad_line()
    {
        var good = PolicyFile.Parse("""
            intake:
              mergeWindow: 12h
              trustedFlaggers:
                floor: sev1
                organisations: [Internet Watch Foundation]
            """, "p.yaml");
        var bad = PolicyFile.Parse("""
            intake:
              digestInterval: 10s
              trustedFlaggers:
                floor: sev9
              regimes:
                no-such-clock: sev1
            """, "p.yaml");

        Assert.True(good.IsValid, string.Join('\n', good.Errors));
        Assert.Equal(TimeSpan.FromHours(12), good.Rules!.Intake.MergeWindow);
        Assert.Equal(Severity.Sev1, good.Rules.Intake.TrustedFlaggerFloor);
        Assert.Contains("internet watch foundation", good.Rules.Intake.TrustedOrganisations);
        Assert.Equal(3, bad.Errors.Count);
        Assert.Contains(bad.Errors, p => p.Line == 2 && p.Message.Contains("digestInterval", StringComparison.Ordinal));
        Assert.Contains(bad.Errors, p => p.Line == 4 && p.Message.Contains("sev9", StringComparison.Ordinal));
        Assert.Contains(bad.Errors, p => p.Line == 6 && p.Message.Contains("no-such-clock", StringComparison.Ordinal));
    }

    [Fact]
    public void The_example_carries_the_real_regimes()
    {
        var clocks = PolicyFile.Load(ExamplePath()).Rules!.Clocks;

        Assert.Equal(TimeSpan.FromHours(1), clocks.Find("eu-tco-removal")!.Window);
        Assert.True(clocks.Find("eu-tco-removal")!.IsPausable);
        Assert.Equal(TimeSpan.FromHours(3), clocks.Find("in-takedown-order")!.Window);
        Assert.Equal(TimeSpan.FromHours(2), clocks.Find("in-ncii-complaint")!.Window);
        Assert.Equal(TimeSpan.FromHours(24), clocks.Find("au-esafety-removal")!.Window);
        Assert.Equal(TimeSpan.FromHours(24), clocks.Find("de-netzdg-manifest")!.Window);
        Assert.Equal(TimeSpan.FromDays(7), clocks.Find("de-netzdg-other")!.Window);
        Assert.Equal(TimeSpan.FromHours(24), clocks.Find("partner-response")!.Window);
    }

    [Fact]
    public void An_empty_file_means_the_built_in_defaults()
    {
        Assert.Same(IncidentRules.Default, PolicyFile.Parse("", "empty.yaml").Rules);
    }

    [Fact]
    public void Sections_left_out_keep_their_defaults_and_statuses_merge_key_by_key()
    {
        var result = PolicyFile.Parse("statusUpdates:\n  sev1: 15m\n  sev4: 8h\nholidays: [2026-12-25]\n", "p.yaml");

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Equal(TimeSpan.FromMinutes(15), result.Rules!.StatusUpdates.CadenceOf(Severity.Sev1));
        Assert.Equal(TimeSpan.FromHours(1), result.Rules.StatusUpdates.CadenceOf(Severity.Sev2));
        Assert.Equal(TimeSpan.FromHours(8), result.Rules.StatusUpdates.CadenceOf(Severity.Sev4));
        Assert.Contains(new DateOnly(2026, 12, 25), result.Rules.Calendar.Holidays);
        Assert.Equal(IncidentRules.Default.Clocks.Definitions.Count, result.Rules.Clocks.Definitions.Count);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_line()
    {
        const string yaml = """
            warningPoints: [50%, 120%]
            clocks:
              fast:
                title: Fast one
                window: -1h
              no-window:
                title: Missing window
            autoStart:
              - source: martians
                clocks: [ghost]
            statusUpdates:
              sev9: 10m
            workingHours:
              start: "18:00"
              end: "09:00"
              defaultTimeZone: Mars/Olympus
            holidays: [25/12/2026]
            colour: blue
            """;

        var problems = PolicyFile.Parse(yaml, "bad.yaml").Errors;

        Assert.Contains(problems, p => p.Line == 1 && p.Message.StartsWith("warningPoints: `120%`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 5 && p.Message.StartsWith("clock `fast`: window:", StringComparison.Ordinal) && p.Message.Contains("negative", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 7 && p.Message.StartsWith("clock `no-window`: `window` is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 9 && p.Message.StartsWith("autoStart: source: `martians`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 10 && p.Message.StartsWith("autoStart: clocks: `ghost` is not a clock defined", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 12 && p.Message.StartsWith("statusUpdates: `sev9`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("workingHours: end (09:00) must be after start (18:00)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 16 && p.Message.StartsWith("workingHours: defaultTimeZone: `Mars/Olympus`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 17 && p.Message.StartsWith("holidays: `25/12/2026`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 18 && p.Message.StartsWith("the policy file: unknown key `colour`", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.StartsWith($"bad.yaml:{p.Line}:{p.Column}: ", p.ToString(), StringComparison.Ordinal));
        Assert.Null(PolicyFile.Parse(yaml, "bad.yaml").Rules);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        var problems = PolicyFile.Parse("clocks:\n  a: [unclosed\n", "broken.yaml").Errors;

        Assert.Matches(@"^broken\.yaml:3:1: the file is not valid YAML: ", Assert.Single(problems).ToString());
    }
}
