using IncidentBot.Configuration.Yaml;
using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.StatusUpdates;
using IncidentBot.Dialogs.Time;
using IncidentBot.Dialogs.Trends;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.Rules;

/// <summary>
/// Reads the policy file (YAML). Every section is optional and falls back to the built-in
/// default; a section that is present replaces that default (<c>statusUpdates</c>,
/// <c>postMortems</c>, <c>actionItems</c> and <c>workingHours</c> key by key). Every problem is
/// reported with its line and column, all at once, so a bad deployment fails on boot with the whole list.
/// </summary>
public static class PolicyFile
{
    private static readonly string[] TopLevel = ["warningPoints", "clocks", "autoStart", "statusUpdates", "postMortems", "actionItems", "workingHours", "holidays", "digest", "intake"];
    private const string SeverityHint = "not a severity; use " + SeverityText.Choices;
    private const string SourceHint = "not a source; use " + IncidentSourceText.Choices;
    private const string DayHint = "not a day; use mon, tue, wed, thu, fri, sat or sun";

    public static PolicyFileResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, [new YamlFileError(path, 0, 0, $"cannot be read ({e.GetType().Name}); check Policies:ConfigPath")]);
        }
        return Parse(text, path);
    }

    /// <param name="file">The file's name or path, as the errors should name it.</param>
    public static PolicyFileResult Parse(string yaml, string file)
    {
        var reader = new YamlFileReader(file);
        var rules = new Reader(reader).Read(yaml);
        return new(reader.ErrorCount == 0 ? rules : null, reader.Errors);
    }

    private sealed class Reader(YamlFileReader yaml)
    {
        public IncidentRules? Read(string text)
        {
            if (yaml.Load(text) is not { } root)
                return yaml.ErrorCount == 0 ? IncidentRules.Default : null;
            var top = yaml.Keys(root, "the policy file", TopLevel);
            if (root is not YamlMappingNode)
                return null;

            var defaults = IncidentRules.Default;
            var warningPoints = top.GetValueOrDefault("warningPoints") is { } wp ? Fractions(wp, "warningPoints") ?? defaults.Clocks.WarningPoints : defaults.Clocks.WarningPoints;
            var definitions = top.GetValueOrDefault("clocks") is { } clocks ? Clocks(clocks) : defaults.Clocks.Definitions;
            var autoStart = top.GetValueOrDefault("autoStart") is { } auto ? AutoStart(auto, definitions) : defaults.Clocks.AutoStart;
            return new IncidentRules
            {
                Clocks = new ClockRules { WarningPoints = warningPoints, Definitions = definitions, AutoStart = autoStart },
                StatusUpdates = top.GetValueOrDefault("statusUpdates") is { } su ? StatusUpdates(su, defaults.StatusUpdates) : defaults.StatusUpdates,
                PostMortems = top.GetValueOrDefault("postMortems") is { } pm ? PostMortems(pm, defaults.PostMortems) : defaults.PostMortems,
                ActionItems = top.GetValueOrDefault("actionItems") is { } ai ? ActionItems(ai, defaults.ActionItems) : defaults.ActionItems,
                Calendar = Calendar(top, defaults.Calendar),
                Digest = top.GetValueOrDefault("digest") is { } digest ? Digest(digest) : defaults.Digest,
                Intake = top.GetValueOrDefault("intake") is { } intake ? Intake(intake, defaults.Intake, definitions) : defaults.Intake,
            };
        }

        private IntakeRules Intake(YamlNode node, IntakeRules defaults, IReadOnlyDictionary<string, ClockDefinition> clocks)
        {
            var map = yaml.Keys(node, "intake", "mergeWindow", "digestInterval", "raiseProposalRate", "trustedFlaggers", "severities", "regimes");
            var rules = defaults;
            if (map.GetValueOrDefault("mergeWindow") is { } window && Duration(window, "intake: mergeWindow", TimeSpan.FromMinutes(5), TimeSpan.FromDays(30), out var merge))
                rules = rules with { MergeWindow = merge };
            if (map.GetValueOrDefault("digestInterval") is { } interval && Duration(interval, "intake: digestInterval", TimeSpan.FromMinutes(1), TimeSpan.FromHours(24), out var digest))
                rules = rules with { DigestInterval = digest };
            if (map.GetValueOrDefault("raiseProposalRate") is { } rate && yaml.TryInt(rate, "intake: raiseProposalRate", 1, 1_000_000, out var perMinute))
                rules = rules with { RaiseProposalRate = perMinute };
            if (map.GetValueOrDefault("trustedFlaggers") is { } trustedNode)
            {
                const string where = "intake: trustedFlaggers";
                var trusted = yaml.Keys(trustedNode, where, "floor", "sources", "organisations");
                if (trusted.GetValueOrDefault("floor") is { } floorNode && yaml.TryValue<Severity>(floorNode, $"{where}: floor", SeverityText.TryParse, SeverityHint, out var floor))
                    rules = rules with { TrustedFlaggerFloor = floor };
                var sources = yaml.Values<IncidentSource>(trusted.GetValueOrDefault("sources"), $"{where}: sources", IncidentSourceText.TryParse, SourceHint);
                var organisations = yaml.Items(trusted.GetValueOrDefault("organisations"), $"{where}: organisations").Select(i => i.Text);
                rules = rules with { TrustedSources = sources.ToHashSet(), TrustedOrganisations = new HashSet<string>(organisations, StringComparer.OrdinalIgnoreCase) };
            }
            if (map.GetValueOrDefault("severities") is { } severitiesNode)
            {
                var bySource = new Dictionary<IncidentSource, Severity>(rules.Severities);
                foreach (var (key, keyNode, value) in yaml.Entries(severitiesNode, "intake: severities"))
                {
                    if (!IncidentSourceText.TryParse(key, out var source))
                        yaml.Error(keyNode, $"intake: severities: `{key}` is {SourceHint}");
                    else if (yaml.TryValue<Severity>(value, $"intake: severities: {key}", SeverityText.TryParse, SeverityHint, out var severity))
                        bySource[source] = severity;
                }
                rules = rules with { Severities = bySource };
            }
            if (map.GetValueOrDefault("regimes") is { } regimesNode)
            {
                var byRegime = new Dictionary<string, Severity>(StringComparer.Ordinal);
                foreach (var (key, keyNode, value) in yaml.Entries(regimesNode, "intake: regimes"))
                {
                    if (!clocks.ContainsKey(key))
                        yaml.Error(keyNode, $"intake: regimes: `{key}` is not a clock defined under `clocks`; define it there or correct the name");
                    else if (yaml.TryValue<Severity>(value, $"intake: regimes: {key}", SeverityText.TryParse, SeverityHint, out var severity))
                        byRegime[key] = severity;
                }
                rules = rules with { RegimeSeverities = byRegime };
            }
            return rules;
        }

        /// <summary>The weekly trends digest: present means on, unless <c>enabled: false</c>.</summary>
        private DigestRules Digest(YamlNode node)
        {
            var rules = new DigestRules { IsEnabled = true };
            if (node is YamlScalarNode { Value: null or "" })
                return rules;
            var map = yaml.Keys(node, "digest", "enabled", "day", "time", "timeZone", "by");
            if (map.GetValueOrDefault("enabled") is { } enabled)
                rules = rules with { IsEnabled = yaml.TryBool(enabled, "digest: enabled", out var on) && on };
            if (map.GetValueOrDefault("day") is { } dayNode && yaml.TryValue<DayOfWeek>(dayNode, "digest: day", TryParseDay, DayHint, out var day))
                rules = rules with { Day = day };
            if (map.GetValueOrDefault("time") is { } timeNode && yaml.TryTime(timeNode, "digest: time", out var time))
                rules = rules with { Time = time };
            if (map.GetValueOrDefault("timeZone") is { } zoneNode && yaml.TryZone(zoneNode, "digest: timeZone", ZonedTime.TryFind, out var zone))
                rules = rules with { Zone = zone };
            if (map.GetValueOrDefault("by") is { } byNode
                && yaml.TryValue(byNode, "digest: by", (string text, out TrendCut cut) => TrendCutText.TryParse(text, out cut) && cut is not (TrendCut.Week or TrendCut.Lead),
                    "not a cut; use source, market, language, severity or regime", out var by))
                rules = rules with { Cut = by };
            return rules;
        }

        private Dictionary<string, ClockDefinition> Clocks(YamlNode node)
        {
            var definitions = new Dictionary<string, ClockDefinition>(StringComparer.Ordinal);
            foreach (var (key, keyNode, value) in yaml.Entries(node, "clocks"))
            {
                var name = ClockName.Parse(key);
                if (!name.IsSuccess)
                {
                    yaml.Error(keyNode, $"clocks: `{key}` is not a clock name; use lower case letters, digits and hyphens (at most {ClockName.MaxLength})");
                    continue;
                }
                var where = $"clock `{key}`";
                var clock = yaml.Keys(value, where, "title", "window", "pausable", "reference", "warningPoints");
                if (value is not YamlMappingNode)
                    continue;
                var title = yaml.Required(clock, "title", value, where, "give the title people see in the channel") is { } t ? yaml.Text(t, $"{where}: title") : null;
                TimeSpan? window = yaml.Required(clock, "window", value, where, "give its length, e.g. 1h or 24h") is { } w
                    && Duration(w, $"{where}: window", ClockRules.MinWindow, ClockRules.MaxWindow, out var length) ? length : null;
                var pausable = clock.GetValueOrDefault("pausable") is { } p && yaml.TryBool(p, $"{where}: pausable", out var isPausable) && isPausable;
                var points = clock.GetValueOrDefault("warningPoints") is { } wp ? Fractions(wp, $"{where}: warningPoints") : null;
                if (title is null || window is null)
                    continue;
                definitions[name.Value] = new ClockDefinition
                {
                    Name = name.Value,
                    Title = title,
                    Window = window.Value,
                    IsPausable = pausable,
                    Reference = clock.GetValueOrDefault("reference") is { } r ? yaml.Text(r, $"{where}: reference") : null,
                    WarningPoints = points,
                };
            }
            return definitions;
        }

        private List<ClockAutoStartRule> AutoStart(YamlNode node, IReadOnlyDictionary<string, ClockDefinition> definitions)
        {
            var rules = new List<ClockAutoStartRule>();
            foreach (var item in yaml.List(node, "autoStart"))
            {
                var rule = yaml.Keys(item, "an autoStart rule", "source", "severity", "markets", "clocks");
                if (item is not YamlMappingNode)
                    continue;
                var sources = yaml.Values<IncidentSource>(rule.GetValueOrDefault("source"), "autoStart: source", IncidentSourceText.TryParse, SourceHint);
                var severities = yaml.Values<Severity>(rule.GetValueOrDefault("severity"), "autoStart: severity", SeverityText.TryParse, SeverityHint);
                var markets = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (text, at) in yaml.Items(rule.GetValueOrDefault("markets"), "autoStart: markets"))
                {
                    var parsed = MarketCodes.ParseList(text);
                    if (parsed.IsSuccess)
                        markets.UnionWith(parsed.Value);
                    else
                        yaml.Error(at, "autoStart: markets", parsed.Error);
                }
                var clockItems = yaml.Items(rule.GetValueOrDefault("clocks"), "autoStart: clocks");
                if (clockItems.Count == 0)
                    yaml.Error(item, "an autoStart rule: `clocks` is missing; name the clocks the rule starts");
                var clocks = new List<string>();
                foreach (var (text, at) in clockItems)
                {
                    if (definitions.ContainsKey(text))
                        clocks.Add(text);
                    else
                        yaml.Error(at, $"autoStart: clocks: `{text}` is not a clock defined under `clocks`; define it there or correct the name");
                }
                rules.Add(new ClockAutoStartRule { Sources = sources.ToHashSet(), Severities = severities.ToHashSet(), Markets = markets, Clocks = clocks });
            }
            return rules;
        }

        private StatusUpdateRules StatusUpdates(YamlNode node, StatusUpdateRules defaults)
        {
            var cadence = new Dictionary<Severity, TimeSpan?>(defaults.Cadence);
            foreach (var (key, keyNode, value) in yaml.Entries(node, "statusUpdates"))
            {
                if (!SeverityText.TryParse(key, out var severity))
                    yaml.Error(keyNode, $"statusUpdates: `{key}` is {SeverityHint}");
                else if (value is YamlScalarNode { Value: { } off } && (off.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) || off.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)))
                    cadence[severity] = null;
                else if (Duration(value, $"statusUpdates: {key}", TimeSpan.FromMinutes(5), TimeSpan.FromDays(7), out var span))
                    cadence[severity] = span;
            }
            return new StatusUpdateRules { Cadence = cadence };
        }

        private PostMortemRules PostMortems(YamlNode node, PostMortemRules defaults)
        {
            var map = yaml.Keys(node, "postMortems", "severities", "businessDays", "remindBeforeBusinessDays");
            var rules = defaults;
            if (map.GetValueOrDefault("severities") is { } severities)
                rules = rules with { Severities = yaml.Values<Severity>(severities, "postMortems: severities", SeverityText.TryParse, SeverityHint).ToHashSet() };
            if (map.GetValueOrDefault("businessDays") is { } days && yaml.TryInt(days, "postMortems: businessDays", 0, 60, out var d))
                rules = rules with { BusinessDays = d };
            if (map.GetValueOrDefault("remindBeforeBusinessDays") is { } before && yaml.TryInt(before, "postMortems: remindBeforeBusinessDays", 0, 30, out var b))
                rules = rules with { RemindBeforeBusinessDays = b };
            return rules;
        }

        private ActionItemRules ActionItems(YamlNode node, ActionItemRules defaults)
        {
            var map = yaml.Keys(node, "actionItems", "overdueReminders");
            return map.GetValueOrDefault("overdueReminders") is { } n && yaml.TryInt(n, "actionItems: overdueReminders", 0, 365, out var count)
                ? defaults with { OverdueReminders = count }
                : defaults;
        }

        private BusinessCalendar Calendar(Dictionary<string, YamlNode> top, BusinessCalendar defaults)
        {
            var calendar = defaults;
            if (top.GetValueOrDefault("workingHours") is { } node)
            {
                var map = yaml.Keys(node, "workingHours", "start", "end", "days", "defaultTimeZone");
                var hours = calendar.Hours;
                if (map.GetValueOrDefault("start") is { } s && yaml.TryTime(s, "workingHours: start", out var start))
                    hours = hours with { Start = start };
                if (map.GetValueOrDefault("end") is { } e && yaml.TryTime(e, "workingHours: end", out var end))
                    hours = hours with { End = end };
                if (hours.End <= hours.Start)
                    yaml.Error(node, $"workingHours: end ({hours.End:HH\\:mm}) must be after start ({hours.Start:HH\\:mm}); working hours cannot cross midnight");
                if (map.GetValueOrDefault("days") is { } daysNode)
                {
                    var days = yaml.Values<DayOfWeek>(daysNode, "workingHours: days", TryParseDay, DayHint).ToHashSet();
                    if (days.Count == 0)
                        yaml.Error(daysNode, "workingHours: days: the list is empty; name at least one working day");
                    hours = hours with { Days = days };
                }
                calendar = calendar with { Hours = hours };
                if (map.GetValueOrDefault("defaultTimeZone") is { } z && yaml.TryZone(z, "workingHours: defaultTimeZone", ZonedTime.TryFind, out var zone))
                    calendar = calendar with { DefaultZone = zone };
            }
            if (top.GetValueOrDefault("holidays") is { } holidays)
                calendar = calendar with { Holidays = yaml.Values<DateOnly>(holidays, "holidays", YamlFileReader.TryParseDate, "not a date; write it as 2026-12-25").ToHashSet() };
            return calendar;
        }

        private List<double>? Fractions(YamlNode node, string where)
        {
            var before = yaml.ErrorCount;
            var points = yaml.Values<double>(node, where, TryParseFraction, "not a fraction of the window; write one between 0 and 1 such as 0.75 or 75% (the breach itself always alerts)");
            if (points.Count != points.Distinct().Count())
                yaml.Error(node, $"{where}: a warning point is listed twice; list each once");
            return yaml.ErrorCount == before ? [.. points.Distinct().Order()] : null;
        }

        private bool Duration(YamlNode node, string where, TimeSpan min, TimeSpan max, out TimeSpan duration) =>
            yaml.TryValue(node, where, text => DurationText.Parse(text, "duration", min, max), out duration);

        private static bool TryParseFraction(string text, out double fraction)
        {
            var percent = text.EndsWith('%');
            var ok = double.TryParse(percent ? text[..^1] : text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value);
            fraction = percent ? value / 100 : value;
            return ok && fraction is > 0 and < 1;
        }

        private static bool TryParseDay(string text, out DayOfWeek day) => DayNames.TryGetValue(text.ToLowerInvariant(), out day);

        private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.Ordinal)
        {
            ["mon"] = DayOfWeek.Monday,
            ["monday"] = DayOfWeek.Monday,
            ["tue"] = DayOfWeek.Tuesday,
            ["tuesday"] = DayOfWeek.Tuesday,
            ["wed"] = DayOfWeek.Wednesday,
            ["wednesday"] = DayOfWeek.Wednesday,
            ["thu"] = DayOfWeek.Thursday,
            ["thursday"] = DayOfWeek.Thursday,
            ["fri"] = DayOfWeek.Friday,
            ["friday"] = DayOfWeek.Friday,
            ["sat"] = DayOfWeek.Saturday,
            ["saturday"] = DayOfWeek.Saturday,
            ["sun"] = DayOfWeek.Sunday,
            ["sunday"] = DayOfWeek.Sunday,
        };
    }
}
