using System.Runtime.CompilerServices;
using IncidentBot.Configuration.Yaml;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.OnCall;

namespace IncidentBot.Tests.OnCall;

public sealed class OnCallYamlReaderTests
{
    private const string Valid = """
        teams:
          - id: tns
            name: T&S
            rotations:
              - id: tns-primary
                layers:
                  - timeZone: Asia/Kathmandu
                    start: 2026-01-05
                    shift: 1d
                    participants: [a@example.com, b@example.com]
        policies:
          - id: tns-incident
            steps:
              - oncall: tns-primary
                wait: 5m
        routing:
          - page: [tns-incident]
        """;

    [Fact]
    public void The_shipped_example_file_is_valid()
    {
        var (config, errors) = OnCallYamlReader.Read(File.ReadAllText(ExampleFile()), "oncall.yaml");

        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Contains(config.Teams, t => t.Id == "np-market");
        Assert.Equal("Asia/Kathmandu", config.FindRotation("np-market-oncall")!.Layers[0].Zone.Id);
        Assert.Equal(LayerRestriction.Weekend, config.FindRotation("tns-primary")!.Layers[1].Restriction.Days);
        Assert.Equal(new ChannelId("C0LEGAL"), config.FindEscalationPolicy("legal")!.FallbackChannel);
        Assert.Equal(new ChannelId("C0INCIDENTS"), config.FindEscalationPolicy("tns-incident")!.FallbackChannel);
    }

    [Fact]
    public void The_playground_file_is_valid()
    {
        var path = Path.Combine(Path.GetDirectoryName(ExampleFile())!, "playground", "oncall.yaml");

        var (config, errors) = OnCallYamlReader.Read(File.ReadAllText(path), path);

        Assert.Empty(errors);
        Assert.NotEmpty(config!.Routes);
    }

    [Fact]
    public void A_valid_file_becomes_the_configuration()
    {
        var (config, errors) = OnCallYamlReader.Read(Valid, "oncall.yaml");

        Assert.Empty(errors);
        var layer = config!.FindRotation("tns-primary")!.Layers[0];
        Assert.Equal(new DateTime(2026, 1, 5, 9, 0, 0), layer.Start);
        Assert.Equal(TimeSpan.FromDays(1), layer.ShiftLength);
        Assert.Equal([SchedulePerson.ByEmail("a@example.com"), SchedulePerson.ByEmail("b@example.com")], layer.Participants);
        Assert.Equal(StepTarget.OnCall("tns-primary"), config.FindEscalationPolicy("tns-incident")!.Steps[0].Target);
    }

    [Fact]
    public void A_syntax_error_is_reported_with_its_line()
    {
        var error = Assert.Single(Errors("teams:\n  - id: tns\n    name: [unclosed\n"));

        Assert.Equal(4, error.Line);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_naming_an_unknown_rotation_is_reported_at_that_line()
    {
        var error = Assert.Single(Errors(Valid.Replace("- oncall: tns-primary", "- oncall: np-market", StringComparison.Ordinal)));

        Assert.Equal(14, error.Line);
        Assert.Equal("unknown rotation `np-market`; rotations: tns-primary", error.Message);
    }

    [Fact]
    public void An_unknown_time_zone_is_reported_at_its_line()
    {
        var error = Assert.Single(Errors(Valid.Replace("Asia/Kathmandu", "Asia/Katmandoo", StringComparison.Ordinal)));

        Assert.Equal(7, error.Line);
        Assert.Contains("timeZone: `Asia/Katmandoo` is not a known time zone", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shift: 1d", "shift: 1 fortnight", 9, "shift: `1 fortnight` is not a duration")]
    [InlineData("wait: 5m", "wait: soon", 15, "wait: `soon` is not a duration")]
    [InlineData("shift: 1d", "shift: 30m", 9, "too short")]
    public void A_bad_duration_is_reported_at_its_line(string from, string to, int line, string problem)
    {
        var error = Assert.Single(Errors(Valid.Replace(from, to, StringComparison.Ordinal)));

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layer_without_participants_is_reported()
    {
        var error = Assert.Single(Errors(Valid.Replace("[a@example.com, b@example.com]", "[]", StringComparison.Ordinal)));

        Assert.Equal(10, error.Line);
        Assert.Contains("the list of participants is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_participant_that_is_not_an_e_mail_is_reported_without_repeating_it()
    {
        var error = Assert.Single(Errors(Valid.Replace("b@example.com", "bob smith", StringComparison.Ordinal)));

        Assert.Equal(10, error.Line);
        Assert.DoesNotContain("bob", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_and_several_problems_are_all_reported_in_line_order()
    {
        var errors = Errors(Valid
            .Replace("shift: 1d", "shfit: 1d", StringComparison.Ordinal)
            .Replace("page: [tns-incident]", "page: [legal]", StringComparison.Ordinal));

        Assert.Collection(errors,
            e => Assert.Equal((7, "layer `layer 1` of rotation `tns-primary`: `shift` is missing; give the shift length, e.g. 1d, 7d, 12h"), (e.Line, e.Message)),
            e => Assert.Equal((9, "a layer: unknown key `shfit`; did you mean `shift`? (expected one of name, timeZone, start, handoff, shift, participants, restrict)"), (e.Line, e.Message)),
            e => Assert.Equal((17, "unknown policy `legal`; policies: tns-incident"), (e.Line, e.Message)));
    }

    [Fact]
    public void Duplicate_ids_are_reported()
    {
        var yaml = Valid.Replace("policies:", """
              - id: other
                rotations:
                  - id: tns-primary
                    layers:
                      - timeZone: UTC
                        start: 2026-01-05
                        shift: 1d
                        participants: [a@example.com]
            policies:
            """, StringComparison.Ordinal);

        Assert.Contains(Errors(yaml), e => e.Message == "teams: the rotation id `tns-primary` is used twice; give each rotation its own id");
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        Assert.Equal(1, Assert.Single(Errors("")).Line);
    }

    private static IReadOnlyList<YamlFileError> Errors(string yaml)
    {
        var (config, errors) = OnCallYamlReader.Read(yaml, "oncall.yaml");
        Assert.Null(config);
        return errors;
    }

    private static string ExampleFile([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "deploy", "oncall.example.yaml"));
}
