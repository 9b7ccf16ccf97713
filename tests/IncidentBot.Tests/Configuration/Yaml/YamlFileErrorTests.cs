using IncidentBot.Configuration.Yaml;
using IncidentBot.OnCall;
using IncidentBot.Rules;

namespace IncidentBot.Tests.Configuration.Yaml;

/// <summary>The on-call file and the policy file report the same kind of mistake in the same words, as <c>file:line:column: message</c>.</summary>
public sealed class YamlFileErrorTests
{
    private const string OnCall = """
        teams:
          - id: tns
            rotations:
              - id: tns-primary
                layers:
                  - timeZone: Asia/Kathmandu
                    start: 2026-01-05
                    shift: 1d
                    participants: [a@example.com]
        policies:
          - id: tns-incident
            steps:
              - oncall: tns-primary
                wait: 5m
        routing:
          - page: [tns-incident]
        """;

    [Fact]
    public void A_value_of_the_wrong_type_is_named_alike_in_both_files()
    {
        var onCall = OnCallError(OnCall.Replace("participants: [a@example.com]", "participants: a@example.com", StringComparison.Ordinal));
        var policyFile = PolicyError("autoStart:\n  source: regulator\n");

        Assert.Equal("oncall.yaml:9:27: layer `layer 1` of rotation `tns-primary`: participants: expected a list (lines starting with `- `, or `[a, b]`)", onCall);
        Assert.Equal("policies.yaml:2:3: autoStart: expected a list (lines starting with `- `, or `[a, b]`)", policyFile);
    }

    [Fact]
    public void A_missing_required_key_is_named_at_the_mapping_that_lacks_it_in_both_files()
    {
        var onCall = OnCallError(OnCall.Replace("            start: 2026-01-05\n", "", StringComparison.Ordinal));
        var policyFile = PolicyError("clocks:\n  fast:\n    title: Fast one\n");

        Assert.Equal("oncall.yaml:6:13: layer `layer 1` of rotation `tns-primary`: `start` is missing; give the first handoff's date, e.g. 2026-01-05", onCall);
        Assert.Equal("policies.yaml:3:5: clock `fast`: `window` is missing; give its length, e.g. 1h or 24h", policyFile);
    }

    [Fact]
    public void An_unknown_key_suggests_the_nearest_known_one_in_both_files()
    {
        var onCall = OnCallError(OnCall.Replace("shift: 1d", "shift: 1d\n            handof: \"10:00\"", StringComparison.Ordinal));
        var policyFile = PolicyError("digest:\n  tiem: \"09:00\"\n");

        Assert.Equal("oncall.yaml:9:13: a layer: unknown key `handof`; did you mean `handoff`? (expected one of name, timeZone, start, handoff, shift, participants, restrict)", onCall);
        Assert.Equal("policies.yaml:2:3: digest: unknown key `tiem`; did you mean `time`? (expected one of enabled, day, time, timeZone, by)", policyFile);
    }

    [Fact]
    public void An_unknown_key_far_from_every_known_one_lists_them_without_a_guess()
    {
        Assert.Equal("oncall.yaml:17:1: the on-call file: unknown key `colour`; expected one of defaults, teams, policies, routing",
            OnCallError(OnCall + "\ncolour: blue\n"));
        Assert.Equal("policies.yaml:1:1: the policy file: unknown key `colour`; expected one of warningPoints, clocks, autoStart, statusUpdates, postMortems, actionItems, workingHours, holidays, digest, intake",
            PolicyError("colour: blue\n"));
    }

    [Fact]
    public void A_bad_duration_is_named_alike_in_both_files_with_each_files_own_examples()
    {
        var onCall = OnCallError(OnCall.Replace("wait: 5m", "wait: soon", StringComparison.Ordinal));
        var policyFile = PolicyError("statusUpdates:\n  sev1: soon\n");

        Assert.Equal("oncall.yaml:14:15: a step of policy `tns-incident`: wait: `soon` is not a duration; write it like 5m, 1h30m, 12h, 7d or 2w", onCall);
        Assert.Equal("policies.yaml:2:9: statusUpdates: sev1: `soon` is not a duration; write it like 30m, 1h, 1h30m, 24h or 7d", policyFile);
    }

    [Fact]
    public void A_bad_time_zone_is_named_alike_in_both_files()
    {
        var onCall = OnCallError(OnCall.Replace("Asia/Kathmandu", "Mars/Olympus", StringComparison.Ordinal));
        var policyFile = PolicyError("workingHours:\n  defaultTimeZone: Mars/Olympus\n");

        Assert.Equal("oncall.yaml:6:23: layer `layer 1` of rotation `tns-primary`: timeZone: `Mars/Olympus` is not a known time zone; use an IANA name such as Europe/Berlin, Asia/Kathmandu or UTC", onCall);
        Assert.Equal("policies.yaml:2:20: workingHours: defaultTimeZone: `Mars/Olympus` is not a known time zone; use an IANA name such as Europe/Berlin, Asia/Kathmandu or UTC", policyFile);
    }

    [Fact]
    public void A_yaml_syntax_error_is_named_alike_in_both_files_at_the_spot_the_parser_stopped()
    {
        var onCall = OnCallError("teams:\n  - id: tns\n    name: [unclosed\n");
        var policyFile = PolicyError("clocks:\n  a: [unclosed\n");

        Assert.Matches(@"^oncall\.yaml:4:1: the file is not valid YAML: .+; check the indentation, quotes and brackets here and on the line above$", onCall);
        Assert.Matches(@"^policies\.yaml:3:1: the file is not valid YAML: .+; check the indentation, quotes and brackets here and on the line above$", policyFile);
        Assert.Equal(onCall[onCall.IndexOf(": ", StringComparison.Ordinal)..], policyFile[policyFile.IndexOf(": ", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Every_mistake_of_a_file_is_reported_at_once_in_line_order()
    {
        var (_, errors) = OnCallYamlReader.Read(OnCall
            .Replace("wait: 5m", "wait: soon", StringComparison.Ordinal)
            .Replace("Asia/Kathmandu", "Mars/Olympus", StringComparison.Ordinal)
            .Replace("shift: 1d", "shift: 1d\n            handof: \"10:00\"", StringComparison.Ordinal), "oncall.yaml");

        Assert.Equal([(6, 23), (9, 13), (15, 15)], errors.Select(e => (e.Line, e.Column)));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_named_without_a_position()
    {
        var result = PolicyFile.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "policies.yaml"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((0, 0), (error.Line, error.Column));
        Assert.EndsWith("policies.yaml: cannot be read (DirectoryNotFoundException); check Policies:ConfigPath", error.ToString(), StringComparison.Ordinal);
    }

    private static string OnCallError(string yaml)
    {
        var (config, errors) = OnCallYamlReader.Read(yaml, "oncall.yaml");
        Assert.Null(config);
        return Assert.Single(errors).ToString();
    }

    private static string PolicyError(string yaml)
    {
        var result = PolicyFile.Parse(yaml, "policies.yaml");
        Assert.Null(result.Rules);
        return Assert.Single(result.Errors).ToString();
    }
}
