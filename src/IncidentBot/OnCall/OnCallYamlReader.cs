using IncidentBot.Dialogs;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Paging.Routing;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Time;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.OnCall;

/// <summary>
/// Reads the on-call YAML file into an <see cref="OnCallConfig"/>, or every problem found,
/// each with its line: syntax, unknown keys, bad zones and durations, empty rotations,
/// references to rotations, teams or policies that do not exist. E-mail addresses never
/// appear in the messages, since they end up in logs.
/// </summary>
public sealed partial class OnCallYamlReader
{
    private static readonly TimeSpan MinShift = TimeSpan.FromHours(1);
    private static readonly string[] StepKinds = ["oncall", "person", "team"];

    private readonly List<OnCallConfigError> _errors = [];
    private readonly List<(int Line, string RotationId)> _rotationRefs = [];
    private readonly List<(int Line, string TeamId)> _teamRefs = [];
    private readonly List<(int Line, string PolicyId)> _policyRefs = [];
    private TimeSpan _defaultWait = OnCallConfig.DefaultWait;

    private OnCallYamlReader()
    {
    }

    public static (OnCallConfig? Config, IReadOnlyList<OnCallConfigError> Errors) Read(string yaml) => new OnCallYamlReader().ReadAll(yaml);

    private (OnCallConfig? Config, IReadOnlyList<OnCallConfigError> Errors) ReadAll(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return (null, [new OnCallConfigError(LineOf(e.Start), "the file is not valid YAML: " + Reason(e))]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return (null, [new OnCallConfigError(1, "the file is empty or not a mapping; it needs `teams`, `policies` and `routing`")]);

        var sections = Keys(root, "the file", "defaults", "teams", "policies", "routing");
        var config = new OnCallConfig();
        if (sections.TryGetValue("defaults", out var defaults))
            config = ReadDefaults(defaults, config);
        var teams = sections.TryGetValue("teams", out var teamsNode) ? List(teamsNode, "teams", ReadTeam) : Missing<Team>(root, "teams");
        var policies = sections.TryGetValue("policies", out var policiesNode) ? List(policiesNode, "policies", n => ReadPolicy(n, config.FallbackChannel)) : [];
        var routes = sections.TryGetValue("routing", out var routingNode) ? List(routingNode, "routing", ReadRoute) : [];
        config = config with { Teams = teams, Policies = policies, Routes = routes };
        CheckUniqueAndReferences(config, teamsNode, policiesNode);
        return _errors.Count > 0 ? (null, _errors.OrderBy(e => e.Line).ToArray()) : (config, []);
    }

    private OnCallConfig ReadDefaults(YamlNode node, OnCallConfig config)
    {
        var keys = Keys(node, "defaults", "wait", "fallbackChannel", "nightHours");
        if (keys.TryGetValue("wait", out var wait) && Duration(wait, "wait") is { } w)
            _defaultWait = w;
        if (keys.TryGetValue("fallbackChannel", out var fallback))
            config = config with { FallbackChannel = Channel(fallback) };
        if (keys.TryGetValue("nightHours", out var night) && Text(night, "nightHours") is { } text)
        {
            var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && TimeOfDay(parts[0]) is { } start && TimeOfDay(parts[1]) is { } end && start != end)
                config = config with { NightStart = start, NightEnd = end };
            else
                Error(night, $"nightHours `{text}` is not a range of times such as `22:00-07:00`");
        }
        return config;
    }

    private Team? ReadTeam(YamlNode node)
    {
        var keys = Keys(node, "a team", "id", "name", "members", "policy", "rotations");
        if (Id(keys, node, "team") is not { } id)
            return null;
        var members = keys.TryGetValue("members", out var membersNode) ? List(membersNode, "members", n => Person(n, "member")) : [];
        string? policyId = null;
        if (keys.TryGetValue("policy", out var policy) && (policyId = Text(policy, "policy")) is not null)
            _policyRefs.Add((LineOf(policy), policyId));
        var rotations = keys.TryGetValue("rotations", out var rotationsNode) ? List(rotationsNode, "rotations", n => ReadRotation(n, id)) : [];
        return new Team
        {
            Id = id,
            Name = Name(keys, id),
            Members = members,
            Rotations = rotations,
            PolicyId = policyId,
        };
    }

    private Rotation? ReadRotation(YamlNode node, string teamId)
    {
        var keys = Keys(node, "a rotation", "id", "name", "layers");
        if (Id(keys, node, "rotation") is not { } id)
            return null;
        if (!keys.TryGetValue("layers", out var layersNode))
        {
            Error(node, $"rotation `{id}` has no `layers`");
            return null;
        }
        var index = 0;
        var layers = List(layersNode, "layers", n => ReadLayer(n, id, ++index));
        if (layers.Count == 0 && layersNode is YamlSequenceNode { Children.Count: 0 })
            Error(layersNode, $"rotation `{id}` has an empty list of layers");
        return new Rotation { Id = id, Name = Name(keys, id), TeamId = teamId, Layers = layers };
    }

    private RotationLayer? ReadLayer(YamlNode node, string rotationId, int index)
    {
        var keys = Keys(node, "a layer", "name", "timeZone", "start", "handoff", "shift", "participants", "restrict");
        var name = keys.TryGetValue("name", out var nameNode) ? Text(nameNode, "name") ?? "" : $"layer {index}";
        var where = $"layer `{name}` of rotation `{rotationId}`";
        var errorsBefore = _errors.Count;

        TimeZoneInfo? zone = null;
        if (!keys.TryGetValue("timeZone", out var zoneNode))
            Error(node, $"{where} has no `timeZone` (an IANA name such as Europe/Berlin or Asia/Kathmandu)");
        else if (Text(zoneNode, "timeZone") is { } zoneId)
        {
            if (ZonedTime.TryFind(zoneId, out var found))
                zone = found;
            else
                Error(zoneNode, $"`{zoneId}` is not a known time zone; use an IANA name such as Europe/Berlin or Asia/Kathmandu");
        }

        DateOnly? start = null;
        if (!keys.TryGetValue("start", out var startNode))
            Error(node, $"{where} has no `start` date (the first handoff, e.g. 2026-01-05)");
        else if (Text(startNode, "start") is { } startText)
        {
            if (DateOnly.TryParseExact(startText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                start = date;
            else
                Error(startNode, $"start `{startText}` is not a date such as 2026-01-05");
        }

        var handoff = new TimeOnly(9, 0);
        if (keys.TryGetValue("handoff", out var handoffNode) && Text(handoffNode, "handoff") is { } handoffText)
        {
            if (TimeOfDay(handoffText) is { } time)
                handoff = time;
            else
                Error(handoffNode, $"handoff `{handoffText}` is not a time of day such as 09:00");
        }

        TimeSpan? shift = null;
        if (!keys.TryGetValue("shift", out var shiftNode))
            Error(node, $"{where} has no `shift` length (e.g. 1d, 7d, 12h)");
        else if (Duration(shiftNode, "shift") is { } length)
        {
            if (length < MinShift)
                Error(shiftNode, $"a shift of {ChatDuration(length)} is too short; the shortest is 1h");
            else
                shift = length;
        }

        IReadOnlyList<SchedulePerson> participants = [];
        if (!keys.TryGetValue("participants", out var participantsNode))
            Error(node, $"{where} has no `participants`");
        else
        {
            participants = List(participantsNode, "participants", n => Person(n, "participant"));
            if (participantsNode is YamlSequenceNode { Children.Count: 0 })
                Error(participantsNode, $"{where} has an empty list of participants; nobody would be on call");
        }

        var restriction = keys.TryGetValue("restrict", out var restrictNode) ? Restriction(restrictNode) : LayerRestriction.None;
        if (_errors.Count > errorsBefore || zone is null || start is null || shift is null)
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

    private LayerRestriction Restriction(YamlNode node)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value?.Trim().ToLowerInvariant() switch
            {
                "weekdays" => new LayerRestriction { Days = LayerRestriction.Weekdays },
                "weekends" or "weekend" => new LayerRestriction { Days = LayerRestriction.Weekend },
                _ => Fail(node, $"restrict `{scalar.Value}` is not `weekdays`, `weekends`, or a mapping with `days`, `from` and `to`", LayerRestriction.None),
            };
        }
        var keys = Keys(node, "restrict", "days", "from", "to");
        var days = new HashSet<DayOfWeek>();
        if (keys.TryGetValue("days", out var daysNode))
        {
            foreach (var day in List(daysNode, "days", n => Text(n, "day")))
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
                        Error(daysNode, $"`{day}` is not a day of the week (mon … sun, weekdays, weekends)");
                        break;
                }
            }
        }
        TimeOnly? from = keys.TryGetValue("from", out var fromNode) ? TimeOfDay(Text(fromNode, "from") ?? "") ?? Fail<TimeOnly?>(fromNode, "`from` is not a time of day such as 18:00", null) : null;
        TimeOnly? to = keys.TryGetValue("to", out var toNode) ? TimeOfDay(Text(toNode, "to") ?? "") ?? Fail<TimeOnly?>(toNode, "`to` is not a time of day such as 08:00", null) : null;
        if ((from is null) != (to is null))
            Error(node, "restrict needs both `from` and `to`, or neither");
        return new LayerRestriction { Days = days, From = from, Until = to };
    }

    private EscalationPolicy? ReadPolicy(YamlNode node, ChannelId? defaultFallback)
    {
        var keys = Keys(node, "a policy", "id", "name", "steps", "repeat", "fallbackChannel");
        if (Id(keys, node, "policy") is not { } id)
            return null;
        var repeats = 0;
        if (keys.TryGetValue("repeat", out var repeatNode) && Text(repeatNode, "repeat") is { } repeatText)
        {
            if (!int.TryParse(repeatText, NumberStyles.None, CultureInfo.InvariantCulture, out repeats) || repeats > 10)
                Error(repeatNode, $"repeat `{repeatText}` is not a number from 0 to 10");
        }
        var fallback = keys.TryGetValue("fallbackChannel", out var fallbackNode) ? Channel(fallbackNode) : defaultFallback;
        if (!keys.TryGetValue("steps", out var stepsNode))
        {
            Error(node, $"policy `{id}` has no `steps`");
            return null;
        }
        var steps = List(stepsNode, "steps", ReadStep);
        if (stepsNode is YamlSequenceNode { Children.Count: 0 })
            Error(stepsNode, $"policy `{id}` has an empty list of steps");
        return new EscalationPolicy(id, Name(keys, id), steps, repeats, fallback);
    }

    private EscalationStep? ReadStep(YamlNode node)
    {
        var keys = Keys(node, "a step", "oncall", "person", "team", "wait");
        var targets = StepKinds.Where(keys.ContainsKey).ToArray();
        if (targets.Length != 1)
        {
            Error(node, "a step names exactly one of `oncall: <rotation>`, `person: <e-mail>` or `team: <team>`");
            return null;
        }
        var wait = keys.TryGetValue("wait", out var waitNode) ? Duration(waitNode, "wait") : _defaultWait;
        var targetNode = keys[targets[0]];
        StepTarget? target = null;
        switch (targets[0])
        {
            case "oncall" when Text(targetNode, "oncall") is { } rotationId:
                _rotationRefs.Add((LineOf(targetNode), rotationId));
                target = StepTarget.OnCall(rotationId);
                break;
            case "team" when Text(targetNode, "team") is { } teamId:
                _teamRefs.Add((LineOf(targetNode), teamId));
                target = StepTarget.Team(teamId);
                break;
            case "person" when Person(targetNode, "person") is { Email: { } email }:
                target = StepTarget.Person(email);
                break;
        }
        return target is null || wait is null ? null : new EscalationStep(target, wait.Value);
    }

    private RoutingRule? ReadRoute(YamlNode node)
    {
        var keys = Keys(node, "a routing rule", "name", "sources", "severities", "markets", "languages", "page");
        var name = keys.TryGetValue("name", out var nameNode) ? Text(nameNode, "name") ?? "" : $"rule at line {LineOf(node)}";
        var sources = new HashSet<IncidentSource>();
        if (keys.TryGetValue("sources", out var sourcesNode))
        {
            foreach (var text in List(sourcesNode, "sources", n => Text(n, "source")))
            {
                if (IncidentSourceText.TryParse(text, out var source))
                    sources.Add(source);
                else
                    Error(sourcesNode, $"`{text}` is not a source: use {IncidentSourceText.Choices}");
            }
        }
        var severities = new HashSet<Severity>();
        if (keys.TryGetValue("severities", out var severitiesNode))
        {
            foreach (var text in List(severitiesNode, "severities", n => Text(n, "severity")))
            {
                if (SeverityText.TryParse(text, out var severity))
                    severities.Add(severity);
                else
                    Error(severitiesNode, $"`{text}` is not a severity: use {SeverityText.Choices}");
            }
        }
        var markets = Codes(keys, "markets", MarketCodes.ParseList);
        var languages = Codes(keys, "languages", LanguageCodes.ParseList);
        if (!keys.TryGetValue("page", out var pageNode))
        {
            Error(node, $"routing rule `{name}` has no `page` list of policies");
            return null;
        }
        var policies = List(pageNode, "page", n => Text(n, "policy"));
        foreach (var (policy, child) in policies.Zip(((pageNode as YamlSequenceNode)?.Children ?? []).Where(c => c is YamlScalarNode)))
            _policyRefs.Add((LineOf(child), policy));
        return new RoutingRule { Name = name, Sources = sources, Severities = severities, Markets = markets, Languages = languages, PolicyIds = policies };
    }

    private HashSet<string> Codes(Dictionary<string, YamlNode> keys, string key, Func<string, Result<IReadOnlyList<string>>> parse)
    {
        if (!keys.TryGetValue(key, out var node))
            return new HashSet<string>(StringComparer.Ordinal);
        var codes = List(node, key, n => Text(n, key));
        if (codes.Count == 0)
            return new HashSet<string>(StringComparer.Ordinal);
        var parsed = parse(string.Join(',', codes));
        if (!parsed.IsSuccess)
        {
            Error(node, parsed.Error.Message.TrimEnd('.'));
            return new HashSet<string>(StringComparer.Ordinal);
        }
        return new HashSet<string>(parsed.Value, StringComparer.Ordinal);
    }

    private void CheckUniqueAndReferences(OnCallConfig config, YamlNode? teamsNode, YamlNode? policiesNode)
    {
        foreach (var duplicate in config.Teams.GroupBy(t => t.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            Error(teamsNode!, $"the team id `{duplicate.Key}` is used twice");
        foreach (var duplicate in config.Rotations.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            Error(teamsNode!, $"the rotation id `{duplicate.Key}` is used twice");
        foreach (var duplicate in config.Policies.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            Error(policiesNode!, $"the policy id `{duplicate.Key}` is used twice");
        foreach (var (line, id) in _rotationRefs.Where(r => config.FindRotation(r.RotationId) is null))
            _errors.Add(new(line, $"unknown rotation `{id}`; rotations: {Known(config.Rotations.Select(r => r.Id))}"));
        foreach (var (line, id) in _teamRefs.Where(r => config.FindTeam(r.TeamId) is null))
            _errors.Add(new(line, $"unknown team `{id}`; teams: {Known(config.Teams.Select(t => t.Id))}"));
        foreach (var (line, id) in _policyRefs.Where(r => config.FindPolicy(r.PolicyId) is null))
            _errors.Add(new(line, $"unknown policy `{id}`; policies: {Known(config.Policies.Select(p => p.Id))}"));
    }

    private static string Known(IEnumerable<string> ids) => ids.Any() ? string.Join(", ", ids) : "none defined";

    private Dictionary<string, YamlNode> Keys(YamlNode node, string what, params string[] allowed)
    {
        var keys = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{what} must be a mapping of {string.Join(", ", allowed)}");
            return keys;
        }
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
                Error(key, $"unknown key `{name}` in {what}; expected {string.Join(", ", allowed)}");
            else
                keys[name] = value;
        }
        return keys;
    }

    private List<T> List<T>(YamlNode node, string what, Func<YamlNode, T?> read)
        where T : class
    {
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"`{what}` must be a list");
            return [];
        }
        return [.. sequence.Children.Select(read).OfType<T>()];
    }

    private List<T> Missing<T>(YamlNode root, string key)
    {
        Error(root, $"the file has no `{key}`");
        return [];
    }

    private string? Id(Dictionary<string, YamlNode> keys, YamlNode node, string what)
    {
        if (!keys.TryGetValue("id", out var idNode))
        {
            Error(node, $"a {what} needs an `id`");
            return null;
        }
        var id = Text(idNode, "id");
        if (id is not null && !IdPattern().IsMatch(id))
        {
            Error(idNode, $"{what} id `{id}` may only hold lower-case letters, digits, - and _ (start with a letter or digit)");
            return null;
        }
        return id;
    }

    private string Name(Dictionary<string, YamlNode> keys, string id) =>
        keys.TryGetValue("name", out var node) && Text(node, "name") is { Length: > 0 } name ? name : id;

    private string? Text(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
            return value.Trim();
        Error(node, $"`{what}` must be a single value");
        return null;
    }

    private SchedulePerson? Person(YamlNode node, string what)
    {
        if (Text(node, what) is not { } text)
            return null;
        if (!EmailPattern().IsMatch(text))
        {
            // The value itself stays out of the message: it may be a person's address, and this ends up in logs.
            Error(node, $"a {what} is not an e-mail address (people are named by e-mail)");
            return null;
        }
        return SchedulePerson.ByEmail(text);
    }

    private TimeSpan? Duration(YamlNode node, string what)
    {
        if (Text(node, what) is not { } text)
            return null;
        if (DurationText.TryParse(text, out var duration))
            return duration;
        Error(node, $"{what} `{text}` is not a duration such as {DurationText.ScheduleExamples}");
        return null;
    }

    private ChannelId? Channel(YamlNode node)
    {
        if (Text(node, "fallbackChannel") is not { } text)
            return null;
        if (ChannelPattern().IsMatch(text))
            return new ChannelId(text);
        Error(node, $"fallbackChannel `{text}` is not a channel id such as C0123ABCD (copy it from the channel's details)");
        return null;
    }

    private static TimeOnly? TimeOfDay(string text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static string ChatDuration(TimeSpan span) => ChatText.Duration(span);

    private void Error(YamlNode node, string message) => _errors.Add(new OnCallConfigError(LineOf(node.Start), message));

    private T Fail<T>(YamlNode node, string message, T value)
    {
        Error(node, message);
        return value;
    }

    private static int LineOf(YamlNode node) => LineOf(node.Start);

    private static int LineOf(Mark mark) => (int)Math.Max(1, mark.Line);

    private static string Reason(YamlException e)
    {
        var text = e.InnerException?.Message ?? e.Message;
        var close = text.LastIndexOf("): ", StringComparison.Ordinal);
        return close >= 0 ? text[(close + 3)..] : text;
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
