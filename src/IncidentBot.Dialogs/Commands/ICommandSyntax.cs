namespace IncidentBot.Dialogs.Commands;

/// <summary>
/// How one subcommand is written: its verb, usage line and parser. Features add their own
/// syntaxes; the parser and <c>help</c> are built from all registered ones.
/// </summary>
public interface ICommandSyntax
{
    string Verb { get; }

    IReadOnlyList<string> Aliases => [];

    /// <summary>The usage line without the command prefix: <c>sev &lt;1-4&gt;</c>.</summary>
    string Usage { get; }

    string Summary { get; }

    CommandScope Scope { get; }

    /// <summary>The order in help; lower first.</summary>
    int HelpOrder => 100;

    Result<IncidentCommand> Parse(CommandArguments arguments);
}
