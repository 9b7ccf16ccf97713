using IncidentBot.Dialogs.Commands;

namespace IncidentBot.Dialogs.Retention;

/// <summary><c>hold [reason]</c> and <c>hold release</c>: a legal hold on the incident (its lead or an on-call admin).</summary>
public sealed class HoldSyntax : ICommandSyntax
{
    public const int MaxReasonLength = 500;

    public string Verb => "hold";

    public string Usage => "hold [reason] | hold release";

    public string Summary => "Place a legal hold (nothing of the incident expires or is purged) or release it. Lead or on-call admin.";

    public CommandScope Scope => CommandScope.Incident;

    public int HelpOrder => 70;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Tokens is [{ } only] && only.Text.Equals("release", StringComparison.OrdinalIgnoreCase))
            return new HoldCommand(arguments.Target, IsRelease: true, Reason: null);
        var reason = arguments.RestText();
        if (reason.Length > MaxReasonLength)
            return new UserError("bad_syntax", $"That reason is {reason.Length} characters; keep it under {MaxReasonLength}.", Usage);
        return new HoldCommand(arguments.Target, IsRelease: false, reason.Length == 0 ? null : reason);
    }
}
