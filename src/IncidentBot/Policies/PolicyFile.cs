using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Policies;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.StatusUpdates;
using IncidentBot.Dialogs.Time;
using IncidentBot.Dialogs.Trends;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.Policies;

/// <summary>
/// Reads the policy file (YAML). Every section is optional and falls back to the built-in
/// default; a section that is present replaces that default (<c>statusUpdates</c>,
/// <c>postMortems</c>, <c>actionItems</c> and <c>workingHours</c> key by key). Every problem is
/// reported with its line, all at once, so a bad deployment fails on boot with the whole list.
/// </summary>
public static class PolicyFile
{
    private static readonly string[] TopLevel = ["warningPoints", "clocks", "autoStart", "statusUpdates", "postMortems", "actionItems", "workingHours", "holidays", "digest", "intake"];

    public static PolicyFileResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, [$"{path}: cannot be read ({e.GetType().Name}); check Policies:ConfigPath."]);
        }
        return Parse(text, path);
    }

    public static PolicyFileResult Parse(string yaml, string source)
    {
        var reader = new Reader(source);
        var policies = reader.Read(yaml);
        return new(reader.Problems.Count == 0 ? policies : null, reader.Problems);
    }

    private sealed class Reader(string source)
    {
        public List<string> Problems { get; } = [];

        public IncidentPolicies? Read(string yaml)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(yaml));
            }
            catch (YamlException e)
            {
                Problems.Add($"{source} line {e.Start.Line}: not valid YAML ({e.Message}).");
                return null;
            }
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
                return IncidentPolicies.Default;
            if (Mapping(stream.Documents[0].RootNode, "the policy file") is not { } root)
                return null;
            CheckKeys(root, TopLevel, "the policy file");

            var defaults = IncidentPolicies.Default;
            var warningPoints = Get(root, "warningPoints") is { } wp ? Fractions(wp, "warningPoints") ?? defaults.Clocks.WarningPoints : defaults.Clocks.WarningPoints;
            var definitions = Get(root, "clocks") is { } clocks ? Clocks(clocks) : defaults.Clocks.Definitions;
            var autoStart = Get(root, "autoStart") is { } auto ? AutoStart(auto, definitions) : defaults.Clocks.AutoStart;
            var calendar = Calendar(root, defaults.Calendar);
            return new IncidentPolicies
            {
                Clocks = new ClockPolicy { WarningPoints = warningPoints, Definitions = definitions, AutoStart = autoStart },
                StatusUpdates = Get(root, "statusUpdates") is { } su ? StatusUpdates(su, defaults.StatusUpdates) : defaults.StatusUpdates,
                PostMortems = Get(root, "postMortems") is { } pm ? PostMortems(pm, defaults.PostMortems) : defaults.PostMortems,
                ActionItems = Get(root, "actionItems") is { } ai ? ActionItems(ai, defaults.ActionItems) : defaults.ActionItems,
                Calendar = calendar,
                Digest = Get(root, "digest") is { } digest ? Digest(digest) : defaults.Digest,
                Intake = Get(root, "intake") is { } intake ? Intake(intake, defaults.Intake, definitions) : defaults.Intake,
            };
        }

        private IntakePolicy Intake(YamlNode node, IntakePolicy defaults, IReadOnlyDictionary<string, ClockDefinition> clocks)
        {
            if (Mapping(node, "intake") is not { } map)
                return defaults;
            CheckKeys(map, ["mergeWindow", "digestInterval", "raiseProposalRate", "trustedFlaggers", "severities", "regimes"], "intake");
            var policy = defaults;
            if (Get(map, "mergeWindow") is { } window && Duration(window, "intake: mergeWindow", TimeSpan.FromMinutes(5), TimeSpan.FromDays(30)) is { } merge)
                policy = policy with { MergeWindow = merge };
            if (Get(map, "digestInterval") is { } interval && Duration(interval, "intake: digestInterval", TimeSpan.FromMinutes(1), TimeSpan.FromHours(24)) is { } digest)
                policy = policy with { DigestInterval = digest };
            if (Get(map, "raiseProposalRate") is { } rate && Int(rate, "intake: raiseProposalRate", 1, 1_000_000) is { } perMinute)
                policy = policy with { RaiseProposalRate = perMinute };
            if (Get(map, "trustedFlaggers") is { } trustedNode && Mapping(trustedNode, "intake: trustedFlaggers") is { } trusted)
            {
                CheckKeys(trusted, ["floor", "sources", "organisations"], "intake: trustedFlaggers");
                if (Get(trusted, "floor") is { } floorNode && Scalar(floorNode, "intake: trustedFlaggers: floor") is { } floorText)
                {
                    if (SeverityText.TryParse(floorText, out var floor))
                        policy = policy with { TrustedFlaggerFloor = floor };
                    else
                        Problem(floorNode, $"intake: trustedFlaggers: floor `{floorText}` is not one of {SeverityText.Choices}.");
                }
                var sources = new HashSet<IncidentSource>();
                foreach (var (text, at) in Items(Get(trusted, "sources")))
                {
                    if (IncidentSourceText.TryParse(text, out var source))
                        sources.Add(source);
                    else
                        Problem(at, $"intake: trustedFlaggers: source `{text}` is not one of {IncidentSourceText.Choices}.");
                }
                var organisations = new HashSet<string>(Items(Get(trusted, "organisations")).Select(i => i.Text), StringComparer.OrdinalIgnoreCase);
                policy = policy with { TrustedSources = sources, TrustedOrganisations = organisations };
            }
            if (Get(map, "severities") is { } severitiesNode && Mapping(severitiesNode, "intake: severities") is { } severities)
            {
                var bySource = new Dictionary<IncidentSource, Severity>(policy.Severities);
                foreach (var (keyNode, value) in severities.Children)
                {
                    var key = ((YamlScalarNode)keyNode).Value ?? "";
                    if (!IncidentSourceText.TryParse(key, out var source))
                    {
                        Problem(keyNode, $"intake: severities: `{key}` is not one of {IncidentSourceText.Choices}.");
                        continue;
                    }
                    if (Scalar(value, $"intake: severities: {key}") is { } text)
                    {
                        if (SeverityText.TryParse(text, out var severity))
                            bySource[source] = severity;
                        else
                            Problem(value, $"intake: severities: {key}: `{text}` is not one of {SeverityText.Choices}.");
                    }
                }
                policy = policy with { Severities = bySource };
            }
            if (Get(map, "regimes") is { } regimesNode && Mapping(regimesNode, "intake: regimes") is { } regimes)
            {
                var byRegime = new Dictionary<string, Severity>(StringComparer.Ordinal);
                foreach (var (keyNode, value) in regimes.Children)
                {
                    var key = ((YamlScalarNode)keyNode).Value ?? "";
                    if (!clocks.ContainsKey(key))
                    {
                        Problem(keyNode, $"intake: regimes: `{key}` is not a clock defined under `clocks`.");
                        continue;
                    }
                    if (Scalar(value, $"intake: regimes: {key}") is { } text)
                    {
                        if (SeverityText.TryParse(text, out var severity))
                            byRegime[key] = severity;
                        else
                            Problem(value, $"intake: regimes: {key}: `{text}` is not one of {SeverityText.Choices}.");
                    }
                }
                policy = policy with { RegimeSeverities = byRegime };
            }
            return policy;
        }

        /// <summary>The weekly trends digest: present means on, unless <c>enabled: false</c>.</summary>
        private DigestPolicy Digest(YamlNode node)
        {
            var policy = new DigestPolicy { IsEnabled = true };
            if (node is YamlScalarNode { Value: null or "" })
                return policy;
            if (Mapping(node, "digest") is not { } map)
                return policy;
            CheckKeys(map, ["enabled", "day", "time", "timeZone", "by"], "digest");
            if (Get(map, "enabled") is { } enabled)
                policy = policy with { IsEnabled = Bool(enabled, "digest: enabled") };
            if (Get(map, "day") is { } dayNode && Scalar(dayNode, "digest: day") is { } dayText)
            {
                if (DayNames.TryGetValue(dayText.ToLowerInvariant(), out var day))
                    policy = policy with { Day = day };
                else
                    Problem(dayNode, $"digest: `{dayText}` is not a day; use mon, tue, wed, thu, fri, sat or sun.");
            }
            if (Get(map, "time") is { } timeNode && Time(timeNode, "digest: time") is { } time)
                policy = policy with { Time = time };
            if (Get(map, "timeZone") is { } zoneNode && Scalar(zoneNode, "digest: timeZone") is { } zoneId)
            {
                if (ZonedTime.TryFind(zoneId, out var zone))
                    policy = policy with { Zone = zone };
                else
                    Problem(zoneNode, $"digest: timeZone `{zoneId}` is not an IANA time zone (e.g. Europe/Berlin, Asia/Kathmandu, UTC).");
            }
            if (Get(map, "by") is { } byNode && Scalar(byNode, "digest: by") is { } byText)
            {
                if (TrendCutText.TryParse(byText, out var cut) && cut is not (TrendCut.Week or TrendCut.Lead))
                    policy = policy with { Cut = cut };
                else
                    Problem(byNode, $"digest: by `{byText}` is not one of source, market, language, severity or regime.");
            }
            return policy;
        }

        private Dictionary<string, ClockDefinition> Clocks(YamlNode node)
        {
            var definitions = new Dictionary<string, ClockDefinition>(StringComparer.Ordinal);
            if (Mapping(node, "clocks") is not { } map)
                return definitions;
            foreach (var (keyNode, value) in map.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? "";
                var name = ClockName.Parse(key);
                if (!name.IsSuccess)
                {
                    Problem(keyNode, $"clock name `{key}`: use lower case letters, digits and hyphens (at most {ClockName.MaxLength}).");
                    continue;
                }
                if (Mapping(value, $"clock `{key}`") is not { } clock)
                    continue;
                CheckKeys(clock, ["title", "window", "pausable", "reference", "warningPoints"], $"clock `{key}`");
                var title = RequiredScalar(clock, "title", $"clock `{key}`");
                var window = Get(clock, "window") is { } w ? Duration(w, $"clock `{key}`: window", ClockPolicy.MinWindow, ClockPolicy.MaxWindow) : Missing<TimeSpan?>(clock, "window", $"clock `{key}`");
                var pausable = Get(clock, "pausable") is { } p && Bool(p, $"clock `{key}`: pausable");
                var points = Get(clock, "warningPoints") is { } wp ? Fractions(wp, $"clock `{key}`: warningPoints") : null;
                if (title is null || window is null)
                    continue;
                definitions[name.Value] = new ClockDefinition
                {
                    Name = name.Value,
                    Title = title,
                    Window = window.Value,
                    IsPausable = pausable,
                    Reference = Get(clock, "reference") is { } r ? Scalar(r, $"clock `{key}`: reference") : null,
                    WarningPoints = points,
                };
            }
            return definitions;
        }

        private List<ClockAutoStart> AutoStart(YamlNode node, IReadOnlyDictionary<string, ClockDefinition> definitions)
        {
            var rules = new List<ClockAutoStart>();
            if (Sequence(node, "autoStart") is not { } list)
                return rules;
            foreach (var item in list.Children)
            {
                if (Mapping(item, "an autoStart rule") is not { } rule)
                    continue;
                CheckKeys(rule, ["source", "severity", "markets", "clocks"], "autoStart rule");
                var sources = new HashSet<IncidentSource>();
                foreach (var (text, at) in Items(Get(rule, "source")))
                {
                    if (IncidentSourceText.TryParse(text, out var s))
                        sources.Add(s);
                    else
                        Problem(at, $"autoStart: source `{text}` is not one of {IncidentSourceText.Choices}.");
                }
                var severities = new HashSet<Severity>();
                foreach (var (text, at) in Items(Get(rule, "severity")))
                {
                    if (SeverityText.TryParse(text, out var s))
                        severities.Add(s);
                    else
                        Problem(at, $"autoStart: severity `{text}` is not one of {SeverityText.Choices}.");
                }
                var markets = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (text, at) in Items(Get(rule, "markets")))
                {
                    var parsed = MarketCodes.ParseList(text);
                    if (parsed.IsSuccess)
                        markets.UnionWith(parsed.Value);
                    else
                        Problem(at, $"autoStart: {parsed.Error.Message}");
                }
                var clocks = new List<string>();
                var clockItems = Items(Get(rule, "clocks")).ToList();
                if (clockItems.Count == 0)
                    Problem(rule, "autoStart rule: `clocks` is missing; name the clocks the rule starts.");
                foreach (var (text, at) in clockItems)
                {
                    if (definitions.ContainsKey(text))
                        clocks.Add(text);
                    else
                        Problem(at, $"autoStart: clock `{text}` is not defined under `clocks`.");
                }
                rules.Add(new ClockAutoStart { Sources = sources, Severities = severities, Markets = markets, Clocks = clocks });
            }
            return rules;
        }

        private StatusUpdatePolicy StatusUpdates(YamlNode node, StatusUpdatePolicy defaults)
        {
            var cadence = new Dictionary<Severity, TimeSpan?>(defaults.Cadence);
            if (Mapping(node, "statusUpdates") is not { } map)
                return defaults;
            foreach (var (keyNode, value) in map.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? "";
                if (!SeverityText.TryParse(key, out var severity))
                {
                    Problem(keyNode, $"statusUpdates: `{key}` is not a severity; use sev1, sev2, sev3 or sev4.");
                    continue;
                }
                var text = Scalar(value, $"statusUpdates: {key}");
                if (text is null)
                    continue;
                if (text.Equals("none", StringComparison.OrdinalIgnoreCase) || text.Equals("off", StringComparison.OrdinalIgnoreCase))
                    cadence[severity] = null;
                else if (Duration(value, $"statusUpdates: {key}", TimeSpan.FromMinutes(5), TimeSpan.FromDays(7)) is { } span)
                    cadence[severity] = span;
            }
            return new StatusUpdatePolicy { Cadence = cadence };
        }

        private PostMortemPolicy PostMortems(YamlNode node, PostMortemPolicy defaults)
        {
            if (Mapping(node, "postMortems") is not { } map)
                return defaults;
            CheckKeys(map, ["severities", "businessDays", "remindBeforeBusinessDays"], "postMortems");
            var policy = defaults;
            if (Get(map, "severities") is { } severitiesNode)
            {
                var severities = new HashSet<Severity>();
                foreach (var (text, at) in Items(severitiesNode))
                {
                    if (SeverityText.TryParse(text, out var s))
                        severities.Add(s);
                    else
                        Problem(at, $"postMortems: severity `{text}` is not one of {SeverityText.Choices}.");
                }
                policy = policy with { Severities = severities };
            }
            if (Get(map, "businessDays") is { } days && Int(days, "postMortems: businessDays", 0, 60) is { } d)
                policy = policy with { BusinessDays = d };
            if (Get(map, "remindBeforeBusinessDays") is { } before && Int(before, "postMortems: remindBeforeBusinessDays", 0, 30) is { } b)
                policy = policy with { RemindBeforeBusinessDays = b };
            return policy;
        }

        private ActionItemPolicy ActionItems(YamlNode node, ActionItemPolicy defaults)
        {
            if (Mapping(node, "actionItems") is not { } map)
                return defaults;
            CheckKeys(map, ["overdueReminders"], "actionItems");
            return Get(map, "overdueReminders") is { } n && Int(n, "actionItems: overdueReminders", 0, 365) is { } count
                ? defaults with { OverdueReminders = count }
                : defaults;
        }

        private BusinessCalendar Calendar(YamlMappingNode root, BusinessCalendar defaults)
        {
            var calendar = defaults;
            if (Get(root, "workingHours") is { } node && Mapping(node, "workingHours") is { } map)
            {
                CheckKeys(map, ["start", "end", "days", "defaultTimeZone"], "workingHours");
                var hours = calendar.Hours;
                if (Get(map, "start") is { } s && Time(s, "workingHours: start") is { } start)
                    hours = hours with { Start = start };
                if (Get(map, "end") is { } e && Time(e, "workingHours: end") is { } end)
                    hours = hours with { End = end };
                if (hours.End <= hours.Start)
                    Problem(map, $"workingHours: end ({hours.End:HH\\:mm}) must be after start ({hours.Start:HH\\:mm}).");
                if (Get(map, "days") is { } daysNode)
                {
                    var days = new HashSet<DayOfWeek>();
                    foreach (var (text, at) in Items(daysNode))
                    {
                        if (DayNames.TryGetValue(text.ToLowerInvariant(), out var day))
                            days.Add(day);
                        else
                            Problem(at, $"workingHours: `{text}` is not a day; use mon, tue, wed, thu, fri, sat or sun.");
                    }
                    if (days.Count == 0)
                        Problem(daysNode, "workingHours: days is empty; name at least one working day.");
                    hours = hours with { Days = days };
                }
                calendar = calendar with { Hours = hours };
                if (Get(map, "defaultTimeZone") is { } z && Scalar(z, "workingHours: defaultTimeZone") is { } zoneId)
                {
                    if (ZonedTime.TryFind(zoneId, out var zone))
                        calendar = calendar with { DefaultZone = zone };
                    else
                        Problem(z, $"workingHours: defaultTimeZone `{zoneId}` is not an IANA time zone (e.g. Europe/Berlin, Asia/Kathmandu, UTC).");
                }
            }
            if (Get(root, "holidays") is { } holidaysNode)
            {
                var holidays = new HashSet<DateOnly>();
                foreach (var (text, at) in Items(holidaysNode))
                {
                    if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        holidays.Add(date);
                    else
                        Problem(at, $"holidays: `{text}` is not a date; write it as 2026-12-25.");
                }
                calendar = calendar with { Holidays = holidays };
            }
            return calendar;
        }

        private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.Ordinal)
        {
            ["mon"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday,
            ["tue"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday,
            ["wed"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday,
            ["thu"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday,
            ["fri"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday,
            ["sat"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday,
            ["sun"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday,
        };

        private List<double>? Fractions(YamlNode node, string what)
        {
            var before = Problems.Count;
            var points = new List<double>();
            foreach (var (text, at) in Items(node))
            {
                var percent = text.EndsWith('%');
                if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    Problem(at, $"{what}: `{text}` is not a fraction; write 0.75 or 75%.");
                    continue;
                }
                var fraction = percent ? value / 100 : value;
                if (fraction is <= 0 or >= 1)
                {
                    Problem(at, $"{what}: `{text}` must lie between 0 and 1 (0% and 100%) of the window; the breach itself always alerts.");
                    continue;
                }
                points.Add(fraction);
            }
            if (points.Count != points.Distinct().Count())
                Problem(node, $"{what}: a warning point is listed twice.");
            return Problems.Count == before ? [.. points.Distinct().Order()] : null;
        }

        private TimeSpan? Duration(YamlNode node, string what, TimeSpan min, TimeSpan max)
        {
            if (Scalar(node, what) is not { } text)
                return null;
            var parsed = DurationText.Parse(text, "duration", min, max);
            if (parsed.IsSuccess)
                return parsed.Value;
            Problem(node, $"{what}: {parsed.Error.Message}");
            return null;
        }

        private TimeOnly? Time(YamlNode node, string what)
        {
            if (Scalar(node, what) is not { } text)
                return null;
            if (TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                return time;
            Problem(node, $"{what}: `{text}` is not a time of day; write it as 09:00.");
            return null;
        }

        private int? Int(YamlNode node, string what, int min, int max)
        {
            if (Scalar(node, what) is not { } text)
                return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                return value;
            Problem(node, $"{what}: `{text}` must be a whole number from {min} to {max}.");
            return null;
        }

        private bool Bool(YamlNode node, string what)
        {
            var text = Scalar(node, what);
            if (text is "true" or "yes")
                return true;
            if (text is "false" or "no" or null)
                return false;
            Problem(node, $"{what}: `{text}` must be true or false.");
            return false;
        }

        /// <summary>A scalar or a list of scalars, each with its node for the line.</summary>
        private IEnumerable<(string Text, YamlNode At)> Items(YamlNode? node)
        {
            switch (node)
            {
                case null:
                    yield break;
                case YamlScalarNode { Value: { Length: > 0 } value }:
                    yield return (value.Trim(), node);
                    break;
                case YamlSequenceNode list:
                    foreach (var item in list.Children)
                    {
                        if (item is YamlScalarNode { Value: { Length: > 0 } v })
                            yield return (v.Trim(), item);
                        else
                            Problem(item, "expected a single value in this list.");
                    }
                    break;
                default:
                    Problem(node, "expected a value or a list of values.");
                    break;
            }
        }

        private string? RequiredScalar(YamlMappingNode map, string key, string what) =>
            Get(map, key) is { } node ? Scalar(node, $"{what}: {key}") : Missing<string>(map, key, what);

        private T? Missing<T>(YamlNode at, string key, string what)
        {
            Problem(at, $"{what}: `{key}` is missing.");
            return default;
        }

        private string? Scalar(YamlNode node, string what)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } value })
                return value.Trim();
            Problem(node, $"{what}: expected a value.");
            return null;
        }

        private YamlMappingNode? Mapping(YamlNode node, string what)
        {
            if (node is YamlMappingNode map)
                return map;
            Problem(node, $"{what}: expected a set of `key: value` lines.");
            return null;
        }

        private YamlSequenceNode? Sequence(YamlNode node, string what)
        {
            if (node is YamlSequenceNode list)
                return list;
            Problem(node, $"{what}: expected a list (lines starting with `- `).");
            return null;
        }

        private static YamlNode? Get(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private void CheckKeys(YamlMappingNode map, string[] known, string what)
        {
            foreach (var keyNode in map.Children.Keys)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                if (!known.Contains(key, StringComparer.Ordinal))
                    Problem(keyNode, $"{what}: unknown key `{key}`; expected one of {string.Join(", ", known)}.");
            }
        }

        private void Problem(YamlNode at, string problem) =>
            Problems.Add(string.Create(CultureInfo.InvariantCulture, $"{source} line {at.Start.Line}: {problem}"));
    }
}
