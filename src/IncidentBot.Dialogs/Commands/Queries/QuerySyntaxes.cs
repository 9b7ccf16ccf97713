using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Commands.Queries;

public sealed class HelpSyntax : ICommandSyntax
{
    public string Verb => "help";

    public IReadOnlyList<string> Aliases => ["?"];

    public string Usage => "help [command]";

    public string Summary => "Show the commands, or how to use one.";

    public CommandScope Scope => CommandScope.Workspace;

    public int HelpOrder => 1000;

    public Result<IncidentCommand> Parse(CommandArguments arguments) =>
        new HelpCommand(arguments.IsEmpty ? null : arguments.Tokens[0].Text);
}

public sealed class ListSyntax : ICommandSyntax
{
    public string Verb => "list";

    public IReadOnlyList<string> Aliases => ["ls"];

    public string Usage => "list [open|all]";

    public string Summary => "List open incidents (or all, newest first).";

    public CommandScope Scope => CommandScope.Workspace;

    public int HelpOrder => 10;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        if (arguments.IsEmpty)
            return new ListCommand(false);
        return arguments.Tokens[0].Text.ToLowerInvariant() switch
        {
            "open" when arguments.Tokens.Count == 1 => new ListCommand(false),
            "all" when arguments.Tokens.Count == 1 => new ListCommand(true),
            _ => new UserError("bad_syntax", $"{RichText.Code(arguments.RestText())} is not a list filter: use {RichText.Code("open")} or {RichText.Code("all")}.", Usage),
        };
    }
}

public sealed class ShowSyntax : ICommandSyntax
{
    public string Verb => "show";

    public IReadOnlyList<string> Aliases => ["info"];

    public string Usage => "show [INC-n]";

    public string Summary => "Show an incident's summary (in its channel, the channel's incident).";

    public CommandScope Scope => CommandScope.Incident;

    public int HelpOrder => 11;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        if (arguments.IsEmpty)
            return new ShowCommand(arguments.Target);
        if (arguments.Tokens.Count == 1 && arguments.Target is null && IncidentNumber.TryParse(arguments.Tokens[0].Text, out var number))
            return new ShowCommand(number);
        if (arguments.Target is { } target)
            return new UserError("bad_syntax", $"Name the incident once: {target.Key} is already named, leave out {RichText.Code(arguments.RestText())}.", Usage);
        return new UserError("bad_syntax", $"{RichText.Code(arguments.RestText())} is not an incident number; they look like INC-12.", Usage);
    }
}
