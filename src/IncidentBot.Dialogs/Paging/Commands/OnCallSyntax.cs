using System.Globalization;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Paging.Commands;

public sealed class OnCallSyntax : ICommandSyntax
{
    public const string UsageLine = "oncall [team | load [days] | check]";

    public string Verb => "oncall";

    public IReadOnlyList<string> Aliases => ["on-call", "who"];

    public string Usage => UsageLine;

    public string Summary => "Who is on call now and next (times in your zone); `load`: pages per person; `check`: people without an account.";

    public CommandScope Scope => CommandScope.Workspace;

    public int HelpOrder => 50;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        var tokens = arguments.Tokens;
        if (tokens.Count == 0)
            return new OnCallCommand(null);
        var first = tokens[0].Text.ToLowerInvariant();
        if (first == "load")
        {
            if (tokens.Count == 1)
                return new OnCallLoadCommand(30);
            if (tokens.Count == 2 && int.TryParse(tokens[1].Text.TrimEnd('d'), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 365)
                return new OnCallLoadCommand(days);
            return new UserError("bad_syntax", $"{RichText.Code(arguments.RestText(1))} is not a number of days (1–365).", UsageLine);
        }
        if (first == "check" && tokens.Count == 1)
            return new OnCallCheckCommand();
        if (tokens.Count > 1 || tokens[0].Kind != TokenKind.Word)
            return new UserError("bad_syntax", $"Name one team, as in the on-call file ({RichText.Code("oncall legal")}), or nothing for all teams.", UsageLine);
        return new OnCallCommand(tokens[0].Text);
    }
}
