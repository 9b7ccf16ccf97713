using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Evidence;

/// <summary><c>evidence [n]</c>: the incident's evidence package, sent privately to whoever asks (a member, for a restricted incident).</summary>
public sealed class EvidenceSyntax : ICommandSyntax
{
    public string Verb => "evidence";

    public string Usage => "evidence [n]";

    public string Summary => "Get the incident's evidence package (record, ledger, reports; a zip anyone can verify) in a direct message. Members only for a restricted incident.";

    public CommandScope Scope => CommandScope.Incident;

    public int HelpOrder => 72;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Tokens.Count == 0)
            return new EvidenceCommand(arguments.Target);
        if (arguments.Tokens is [{ } only] && IncidentNumber.TryParse(only.Text, out var number)
            && (arguments.Target is null || arguments.Target == number))
        {
            return new EvidenceCommand(number);
        }
        return new UserError("bad_syntax", "Name one incident: `evidence 12`, or `evidence` in its channel.", Usage);
    }
}
