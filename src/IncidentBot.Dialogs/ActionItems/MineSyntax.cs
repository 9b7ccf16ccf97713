using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.ActionItems;

public sealed class MineSyntax : ICommandSyntax
{
    public string Verb => "mine";

    public string Usage => "mine";

    public string Summary => "Your open action items and post-mortems, across incidents.";

    public CommandScope Scope => CommandScope.Workspace;

    public int HelpOrder => 12;

    public Result<IncidentCommand> Parse(CommandArguments arguments) =>
        arguments.IsEmpty ? new MineCommand() : new UserError("bad_syntax", $"{RichText.Code("mine")} takes no arguments.", Usage);
}
