using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// <c>clock</c>, <c>clock start &lt;name&gt; [&lt;duration&gt;] [--from &lt;time&gt;]</c>,
/// <c>clock met|pause|resume &lt;name&gt;</c>.
/// </summary>
public sealed class ClockSyntax : ICommandSyntax
{
    public const int MaxReasonLength = 500;

    public string Verb => "clock";

    public IReadOnlyList<string> Aliases => ["clocks"];

    public string Usage => ClockUsage.All;

    public string Summary => "Deadlines: list them, start one (from when the order was received), mark met, pause or resume.";

    public CommandScope Scope => CommandScope.Incident;

    public int HelpOrder => 50;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        var tokens = arguments.Tokens;
        if (tokens.Count == 0 || (tokens.Count == 1 && tokens[0].Text.ToLowerInvariant() is "list" or "status"))
            return new ListClocksCommand(arguments.Target);
        var action = tokens[0].Text.ToLowerInvariant();
        return action switch
        {
            "start" => ParseStart(arguments),
            "met" or "meet" or "done" => ParseName(arguments, ClockUsage.Met).Map(name => (IncidentCommand)new MeetClockCommand(arguments.Target, name)),
            "resume" => ParseName(arguments, ClockUsage.Resume).Map(name => (IncidentCommand)new ResumeClockCommand(arguments.Target, name)),
            "pause" => ParsePause(arguments),
            _ => new UserError("bad_syntax", $"{RichText.Code(tokens[0].Text)} is not a clock command: use start, met, pause or resume, or just {RichText.Code("clock")} to see them.", Usage),
        };
    }

    private static Result<IncidentCommand> ParseStart(CommandArguments arguments)
    {
        var tokens = arguments.Tokens;
        var fromAt = -1;
        string? inlineFrom = null;
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].FlagName is { } flag)
            {
                var (flagName, value) = flag.Split('=', 2) is [var n, var v] ? (n, v) : (flag, null);
                if (!flagName.Equals("from", StringComparison.OrdinalIgnoreCase))
                    return new UserError("bad_syntax", $"{RichText.Code(tokens[i].Text)} is not an option of {RichText.Code("clock start")}; the only one is {RichText.Code("--from <time>")}.", ClockUsage.Start);
                fromAt = i;
                inlineFrom = value;
                break;
            }
        }
        var positional = (fromAt < 0 ? tokens.Skip(1) : tokens.Take(fromAt).Skip(1)).ToArray();
        if (positional.Length == 0)
            return new UserError("bad_syntax", $"Name the clock to start, e.g. {RichText.Code("clock start eu-tco-removal --from 09:40")}.", ClockUsage.Start);
        if (positional.Length > 2)
            return new UserError("bad_syntax", $"{RichText.Code("clock start")} takes a name and a duration; {RichText.Code(string.Join(' ', positional.Skip(2).Select(t => t.Text)))} is extra. Put the receipt time after {RichText.Code("--from")}.", ClockUsage.Start);
        var name = ClockName.Parse(positional[0].Text);
        if (!name.IsSuccess)
            return name.Error with { Usage = ClockUsage.Start };
        TimeSpan? window = null;
        if (positional.Length == 2)
        {
            var parsed = DurationText.Parse(positional[1].Text, "clock's window", ClockRules.MinWindow, ClockRules.MaxWindow);
            if (!parsed.IsSuccess)
                return parsed.Error with { Usage = ClockUsage.Start };
            window = parsed.Value;
        }
        TimeInput? from = null;
        if (fromAt >= 0)
        {
            var text = string.Join(' ', tokens.Skip(fromAt + 1).Select(t => t.Text).Prepend(inlineFrom ?? "")).Trim();
            if (string.IsNullOrWhiteSpace(text))
                return new UserError("bad_time", $"Say when the order was received after {RichText.Code("--from")}, e.g. {TimeText.PastExamples}.", ClockUsage.Start);
            var parsed = TimeText.ParsePast(text);
            if (!parsed.IsSuccess)
                return parsed.Error with { Usage = ClockUsage.Start };
            from = parsed.Value;
        }
        return new StartClockCommand(arguments.Target, name.Value, window, from);
    }

    private static Result<IncidentCommand> ParsePause(CommandArguments arguments)
    {
        var name = ParseName(arguments, ClockUsage.Pause, allowMore: true);
        if (!name.IsSuccess)
            return name.Error;
        var reason = arguments.RestText(2);
        if (reason.Length > MaxReasonLength)
            return new UserError("bad_syntax", $"Keep the reason under {MaxReasonLength} characters.", ClockUsage.Pause);
        return new PauseClockCommand(arguments.Target, name.Value, reason.Length == 0 ? null : reason);
    }

    private static Result<string> ParseName(CommandArguments arguments, string usage, bool allowMore = false)
    {
        if (arguments.Tokens.Count < 2)
            return new UserError("bad_syntax", "Name the clock.", usage);
        if (!allowMore && arguments.Tokens.Count > 2)
            return new UserError("bad_syntax", $"{RichText.Code(arguments.Tokens[0].Text)} takes only the clock's name.", usage);
        var name = ClockName.Parse(arguments.Tokens[1].Text);
        return name.IsSuccess ? name : name.Error with { Usage = usage };
    }
}
