using System.Text.RegularExpressions;
using IncidentBot.Configuration.Yaml;
using IncidentBot.Dialogs;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Paging.Routing;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Time;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.OnCall;

/// <summary>
/// Reads the on-call YAML file into an <see cref="OnCallConfig"/>, or every problem found, each
/// with its line and column: syntax, unknown keys, bad zones and durations, empty rotations,
/// references to rotations, teams or policies that do not exist. E-mail addresses never appear in
/// the messages, since they end up in logs.
/// </summary>
public sealed partial class OnCallYamlReader
{
    private static readonly TimeSpan MinShift = TimeSpan.FromHours(1);
    private static readonly string[] StepKinds = ["oncall", "person", "team"];
    private const string ZoneHint = "use an IANA name such as Europe/Berlin or Asia/Kathmandu";

    private readonly YamlFileReader _yaml;
    private readonly List<(YamlNode At, string RotationId)> _rotationRefs = [];
    private readonly List<(YamlNode At, string TeamId)> _teamRefs = [];
    private readonly List<(YamlNode At, string EscalationPolicyId)> _policyRefs = [];
    private TimeSpan _defaultWait = OnCallConfig.DefaultWait;

    private OnCallYamlReader(string file) => _yaml = new YamlFileReader(file);

    /// <param name="file">The file's name or path, as the errors should name it.</param>
    public static (OnCallConfig? Config, IReadOnlyList<YamlFileError> Errors) Read(string yaml, string file) => new OnCallYamlReader(file).ReadAll(yaml);

    private (OnCallConfig? Config, IReadOnlyList<YamlFileError> Errors) ReadAll(string text)
    {
        var root = _yaml.Load(text);
        if (root is null && _yaml.ErrorCount == 0)
            _yaml.Error(Mark1, "the file is empty; it needs `teams`, `policies` and `routing` (see deploy/oncall.example.yaml)");
        if (root is null)
            return (null, _yaml.Errors);

        var sections = _yaml.Keys(root, "the on-call file", "defaults", "teams", "policies", "routing");
        var config = new OnCallConfig();
        if (sections.TryGetValue("defaults", out var defaults))
            config = ReadDefaults(defaults, config);
        var teamsNode = _yaml.Required(sections, "teams", root, "the on-call file", "list the teams with their members and rotations");
        var teams = teamsNode is null ? [] : List(teamsNode, "teams", ReadTeam);
        var policies = sections.TryGetValue("policies", out var policiesNode) ? List(policiesNode, "policies", n => ReadEscalationPolicy(n, config.FallbackChannel)) : [];
        var routes = sections.TryGetValue("routing", out var routingNode) ? List(routingNode, "routing", ReadRoute) : [];
        config = config with { Teams = teams, EscalationPolicies = policies, Routes = routes };
        CheckUniqueAndReferences(config, teamsNode, policiesNode);
        return _yaml.ErrorCount > 0 ? (null, _yaml.Errors) : (config, []);
    }

    private static YamlDotNet.Core.Mark Mark1 => new(0, 1, 1);

    private OnCallConfig ReadDefaults(YamlNode node, OnCallConfig config)
    {
        var keys = _yaml.Keys(node, "defaults", "wait", "fallbackChannel", "nightHours");
        if (keys.TryGetValue("wait", out var wait) && Duration(wait, "defaults: wait", out var w))
            _defaultWait = w;
        if (keys.TryGetValue("fallbackChannel", out var fallback))
            config = config with { FallbackChannel = Channel(fallback, "defaults: fallbackChannel") };
        if (keys.TryGetValue("nightHours", out var night)
            && _yaml.TryValue<(TimeOnly Start, TimeOnly End)>(night, "defaults: nightHours", TryParseNight, "not a range of times; write it as 22:00-07:00", out var hours))
            config = config with { NightStart = hours.Start, NightEnd = hours.End };
        return config;
    }

    private static bool TryParseNight(string text, out (TimeOnly Start, TimeOnly End) hours)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        hours = default;
        if (parts.Length != 2 || !YamlFileReader.TryParseTime(parts[0], out var start) || !YamlFileReader.TryParseTime(parts[1], out var end) || start == end)
            return false;
        hours = (start, end);
        return true;
    }

    private OnCallTeam? ReadTeam(YamlNode node)
    {
        var keys = _yaml.Keys(node, "a team", "id", "name", "members", "policy", "rotations");
        if (Id(keys, node, "team") is not { } id)
            return null;
        var where = $"team `{id}`";
        var members = keys.TryGetValue("members", out var membersNode) ? List(membersNode, $"{where}: members", n => Person(n, $"{where}: members", "member")) : [];
        string? policyId = null;
        if (keys.TryGetValue("policy", out var policy) && (policyId = _yaml.Text(policy, $"{where}: policy")) is not null)
            _policyRefs.Add((policy, policyId));
        var rotations = keys.TryGetValue("rotations", out var rotationsNode) ? List(rotationsNode, $"{where}: rotations", n => ReadRotation(n, id)) : [];
        return new OnCallTeam { Id = id, Name = Name(keys, id, where), Members = members, Rotations = rotations, EscalationPolicyId = policyId };
    }

    private Rotation? ReadRotation(YamlNode node, string teamId)
    {
        var keys = _yaml.Keys(node, "a rotation", "id", "name", "layers");
        if (Id(keys, node, "rotation") is not { } id)
            return null;
        var where = $"rotation `{id}`";
        if (_yaml.Required(keys, "layers", node, where, "list its layers (who is on call, in which time zone, for how long)") is not { } layersNode)
            return null;
        var index = 0;
        var layers = List(layersNode, $"{where}: layers", n => ReadLayer(n, id, ++index));
        if (layersNode is YamlSequenceNode { Children.Count: 0 })
            _yaml.Error(layersNode, $"{where}: the list of layers is empty; add at least one layer");
        return new Rotation { Id = id, Name = Name(keys, id, where), TeamId = teamId, Layers = layers };
    }

    private RotationLayer? ReadLayer(YamlNode node, string rotationId, int index)
    {
        var keys = _yaml.Keys(node, "a layer", "name", "timeZone", "start", "handoff", "shift", "participants", "restrict");
        var name = keys.TryGetValue("name", out var nameNode) ? _yaml.Text(nameNode, "a layer: name") ?? "" : $"layer {index}";
        var where = $"layer `{name}` of rotation `{rotationId}`";
        var errorsBefore = _yaml.ErrorCount;

        TimeZoneInfo? zone = null;
        if (_yaml.Required(keys, "timeZone", node, where, ZoneHint) is { } zoneNode
            && _yaml.TryZone(zoneNode, $"{where}: timeZone", ZonedTime.TryFind, out var found))
            zone = found;

        DateOnly? start = null;
        if (_yaml.Required(keys, "start", node, where, "give the first handoff's date, e.g. 2026-01-05") is { } startNode
            && _yaml.TryDate(startNode, $"{where}: start", out var date))
            start = date;

        var handoff = new TimeOnly(9, 0);
        if (keys.TryGetValue("handoff", out var handoffNode) && _yaml.TryTime(handoffNode, $"{where}: handoff", out var time))
            handoff = time;

        TimeSpan? shift = null;
        if (_yaml.Required(keys, "shift", node, where, "give the shift length, e.g. 1d, 7d, 12h") is { } shiftNode
            && Duration(shiftNode, $"{where}: shift", out var length))
        {
            if (length < MinShift)
                _yaml.Error(shiftNode, $"{where}: shift: a shift of {ChatText.Duration(length)} is too short; the shortest is 1h");
            else
                shift = length;
        }

        IReadOnlyList<SchedulePerson> participants = [];
        if (_yaml.Required(keys, "participants", node, where, "list the e-mail addresses of the people who take turns") is { } participantsNode)
        {
            participants = List(participantsNode, $"{where}: participants", n => Person(n, $"{where}: participants", "participant"));
            if (participantsNode is YamlSequenceNode { Children.Count: 0 })
                _yaml.Error(participantsNode, $"{where}: the list of participants is empty; nobody would be on call");
        }

        var restriction = keys.TryGetValue("restrict", out var restrictNode) ? Restriction(restrictNode, $"{where}: restrict") : LayerRestriction.None;
        if (_yaml.ErrorCount > errorsBefore || zone is null || start is null || shift is null)
            return null;
        return new RotationLayer
        {
            Name = name,
            Zone = zone,
            Start = start.Value.ToDateTime(handoff, DateTimeKind.Unspecified),
            ShiftLength = shift.Value,
            Participants = participants,
            Restriction = restriction,
        };
    }

    private LayerRestriction Restriction(YamlNode node, string where)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value?.Trim().ToLowerInvariant() switch
            {
                "weekdays" => new LayerRestriction { Days = LayerRestriction.Weekdays },
                "weekends" or "weekend" => new LayerRestriction { Days = LayerRestriction.Weekend },
                _ => Fail(node, $"{where}: `{scalar.Value}` is not a restriction; write `weekdays`, `weekends`, or `days`, `from` and `to` lines", LayerRestriction.None),
            };
        }
        var keys = _yaml.Keys(node, where, "days", "from", "to");
        var days = new HashSet<DayOfWeek>();
        if (keys.TryGetValue("days", out var daysNode))
        {
            foreach (var day in List(daysNode, $"{where}: days", n => _yaml.Text(n, $"{where}: days")))
            {
                switch (day.Trim().ToLowerInvariant())
                {
                    case "weekdays":
                        days.UnionWith(LayerRestriction.Weekdays);
                        break;
                    case "weekends" or "weekend":
                        days.UnionWith(LayerRestriction.Weekend);
                        break;
                    case var text when DayNames.TryGetValue(text.Length >= 3 ? text[..3] : text, out var d):
                        days.Add(d);
                        break;
                    default:
                        _yaml.Error(daysNode, $"{where}: days: `{day}` is not a day of the week; use mon … sun, weekdays or weekends");
                        break;
                }
            }
        }
        TimeOnly? from = keys.TryGetValue("from", out var fromNode) && _yaml.TryTime(fromNode, $"{where}: from", out var f) ? f : null;
        TimeOnly? to = keys.TryGetValue("to", out var toNode) && _yaml.TryTime(toNode, $"{where}: to", out var t) ? t : null;
        if (fromNode is null != toNode is null)
            _yaml.Error(node, $"{where}: give both `from` and `to`, or neither");
        return new LayerRestriction { Days = days, From = from, Until = to };
    }

    private EscalationPolicy? ReadEscalationPolicy(YamlNode node, ChannelId? defaultFallback)
    {
        var keys = _yaml.Keys(node, "a policy", "id", "name", "steps", "repeat", "fallbackChannel");
        if (Id(keys, node, "policy") is not { } id)
            return null;
        var where = $"policy `{id}`";
        var repeats = keys.TryGetValue("repeat", out var repeatNode) && _yaml.TryInt(repeatNode, $"{where}: repeat", 0, 10, out var r) ? r : 0;
        var fallback = keys.TryGetValue("fallbackChannel", out var fallbackNode) ? Channel(fallbackNode, $"{where}: fallbackChannel") : defaultFallback;
        if (_yaml.Required(keys, "steps", node, where, "list who is paged, in order") is not { } stepsNode)
            return null;
        var steps = List(stepsNode, $"{where}: steps", n => ReadStep(n, where));
        if (stepsNode is YamlSequenceNode { Children.Count: 0 })
            _yaml.Error(stepsNode, $"{where}: the list of steps is empty; add at least one step");
        return new EscalationPolicy(id, Name(keys, id, where), steps, repeats, fallback);
    }

    private EscalationStep? ReadStep(YamlNode node, string policy)
    {
        var where = $"a step of {policy}";
        var keys = _yaml.Keys(node, where, "oncall", "person", "team", "wait");
        var targets = StepKinds.Where(keys.ContainsKey).ToArray();
        if (targets.Length != 1)
        {
            _yaml.Error(node, $"{where}: name exactly one of `oncall: <rotation>`, `person: <e-mail>` or `team: <team>`");
            return null;
        }
        TimeSpan? wait = _defaultWait;
        if (keys.TryGetValue("wait", out var waitNode))
            wait = Duration(waitNode, $"{where}: wait", out var w) ? w : null;
        var targetNode = keys[targets[0]];
        StepTarget? target = null;
        switch (targets[0])
        {
            case "oncall" when _yaml.Text(targetNode, $"{where}: oncall") is { } rotationId:
                _rotationRefs.Add((targetNode, rotationId));
                target = StepTarget.OnCall(rotationId);
                break;
            case "team" when _yaml.Text(targetNode, $"{where}: team") is { } teamId:
                _teamRefs.Add((targetNode, teamId));
                target = StepTarget.Team(teamId);
                break;
            case "person" when Person(targetNode, where, "person") is { Email: { } email }:
                target = StepTarget.Person(email);
                break;
        }
        return target is null || wait is null ? null : new EscalationStep(target, wait.Value);
    }

    private RoutingRule? ReadRoute(YamlNode node)
    {
        var keys = _yaml.Keys(node, "a routing rule", "name", "sources", "severities", "markets", "languages", "page");
        var name = keys.TryGetValue("name", out var nameNode) ? _yaml.Text(nameNode, "a routing rule: name") ?? "" : $"rule at line {node.Start.Line}";
        var where = $"routing rule `{name}`";
        var sources = new HashSet<IncidentSource>();
        foreach (var (text, at) in keys.TryGetValue("sources", out var sourcesNode) ? _yaml.Items(Listed(sourcesNode, $"{where}: sources"), $"{where}: sources") : [])
        {
            if (IncidentSourceText.TryParse(text, out var source))
                sources.Add(source);
            else
                _yaml.Error(at, $"{where}: sources: `{text}` is not a source; use {IncidentSourceText.Choices}");
        }
        var severities = new HashSet<Severity>();
        foreach (var (text, at) in keys.TryGetValue("severities", out var severitiesNode) ? _yaml.Items(Listed(severitiesNode, $"{where}: severities"), $"{where}: severities") : [])
        {
            if (SeverityText.TryParse(text, out var severity))
                severities.Add(severity);
            else
                _yaml.Error(at, $"{where}: severities: `{text}` is not a severity; use {SeverityText.Choices}");
        }
        var markets = Codes(keys, "markets", where, MarketCodes.ParseList);
        var languages = Codes(keys, "languages", where, LanguageCodes.ParseList);
        if (_yaml.Required(keys, "page", node, where, "list the escalation policies to page") is not { } pageNode)
            return null;
        var policies = new List<string>();
        foreach (var (policy, at) in _yaml.Items(Listed(pageNode, $"{where}: page"), $"{where}: page"))
        {
            policies.Add(policy);
            _policyRefs.Add((at, policy));
        }
        return new RoutingRule { Name = name, Sources = sources, Severities = severities, Markets = markets, Languages = languages, EscalationPolicyIds = policies };
    }

    /// <summary>The node when it is a list; otherwise the "expected a list" error and nothing.</summary>
    private YamlNode? Listed(YamlNode node, string where) => node is YamlSequenceNode ? node : Fail<YamlNode?>(node, $"{where}: expected a list (lines starting with `- `, or `[a, b]`)", null);

    private HashSet<string> Codes(Dictionary<string, YamlNode> keys, string key, string where, Func<string, Result<IReadOnlyList<string>>> parse)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if (!keys.TryGetValue(key, out var node))
            return codes;
        var texts = _yaml.Items(Listed(node, $"{where}: {key}"), $"{where}: {key}").Select(i => i.Text).ToList();
        if (texts.Count == 0)
            return codes;
        var parsed = parse(string.Join(',', texts));
        if (parsed.IsSuccess)
            codes.UnionWith(parsed.Value);
        else
            _yaml.Error(node, $"{where}: {key}", parsed.Error);
        return codes;
    }

    private void CheckUniqueAndReferences(OnCallConfig config, YamlNode? teamsNode, YamlNode? policiesNode)
    {
        foreach (var duplicate in config.Teams.GroupBy(t => t.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            _yaml.Error(teamsNode!, $"teams: the team id `{duplicate.Key}` is used twice; give each team its own id");
        foreach (var duplicate in config.Rotations.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            _yaml.Error(teamsNode!, $"teams: the rotation id `{duplicate.Key}` is used twice; give each rotation its own id");
        foreach (var duplicate in config.EscalationPolicies.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            _yaml.Error(policiesNode!, $"policies: the policy id `{duplicate.Key}` is used twice; give each policy its own id");
        foreach (var (at, id) in _rotationRefs.Where(r => config.FindRotation(r.RotationId) is null))
            _yaml.Error(at, $"unknown rotation `{id}`; rotations: {Known(config.Rotations.Select(r => r.Id))}");
        foreach (var (at, id) in _teamRefs.Where(r => config.FindTeam(r.TeamId) is null))
            _yaml.Error(at, $"unknown team `{id}`; teams: {Known(config.Teams.Select(t => t.Id))}");
        foreach (var (at, id) in _policyRefs.Where(r => config.FindEscalationPolicy(r.EscalationPolicyId) is null))
            _yaml.Error(at, $"unknown policy `{id}`; policies: {Known(config.EscalationPolicies.Select(p => p.Id))}");
    }

    private static string Known(IEnumerable<string> ids) => ids.Any() ? string.Join(", ", ids) : "none defined";

    private List<T> List<T>(YamlNode node, string where, Func<YamlNode, T?> read)
        where T : class =>
        [.. _yaml.List(node, where).Select(read).OfType<T>()];

    private string? Id(Dictionary<string, YamlNode> keys, YamlNode node, string what)
    {
        if (_yaml.Required(keys, "id", node, $"a {what}", $"give the {what} an id such as `tns-primary`") is not { } idNode)
            return null;
        return _yaml.TryValue(idNode, $"a {what}: id", (string text, out string id) => IdPattern().IsMatch(id = text),
            "not an id; use lower-case letters, digits, - and _, starting with a letter or digit", out var value) ? value : null;
    }

    private string Name(Dictionary<string, YamlNode> keys, string id, string where) =>
        keys.TryGetValue("name", out var node) && _yaml.Text(node, $"{where}: name") is { Length: > 0 } name ? name : id;

    private SchedulePerson? Person(YamlNode node, string where, string what)
    {
        if (_yaml.Text(node, where) is not { } text)
            return null;
        if (EmailPattern().IsMatch(text))
            return SchedulePerson.ByEmail(text);
        // The value itself stays out of the message: it may be a person's address, and this ends up in logs.
        _yaml.Error(node, $"{where}: a {what} is not an e-mail address; name people by e-mail");
        return null;
    }

    private bool Duration(YamlNode node, string where, out TimeSpan duration) =>
        _yaml.TryValue(node, where, DurationText.TryParse, $"not a duration; write it like {DurationText.ScheduleExamples}", out duration);

    private ChannelId? Channel(YamlNode node, string where) =>
        _yaml.TryValue(node, where, (string text, out string id) => ChannelPattern().IsMatch(id = text),
            "not a channel id; copy it from the channel's details, e.g. C0123ABCD", out var id) ? new ChannelId(id) : null;

    private T Fail<T>(YamlNode node, string message, T value)
    {
        _yaml.Error(node, message);
        return value;
    }

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday,
    };

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,59}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[CG][A-Z0-9]{2,}$")]
    private static partial Regex ChannelPattern();
}
