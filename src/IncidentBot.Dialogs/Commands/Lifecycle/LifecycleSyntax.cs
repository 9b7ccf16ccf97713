using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Commands.Lifecycle;

/// <summary>The small syntaxes of the lifecycle commands, each a few lines.</summary>
public abstract class LifecycleSyntax(string verb, string usage, string summary, int order) : ICommandSyntax
{
    public const int MaxTextLength = 3000;

    public string Verb => verb;

    public virtual IReadOnlyList<string> Aliases => [];

    public string Usage => usage;

    public string Summary => summary;

    public CommandScope Scope => CommandScope.Incident;

    public int HelpOrder => order;

    public abstract Result<IncidentCommand> Parse(CommandArguments arguments);

    protected UserError Error(RichTextBuilder message) => new("bad_syntax", RichText.Of(message), usage);


    protected UserError Error(RichText message) => new("bad_syntax", message, usage);


    protected UserError Error(string words) => Error(RichText.Text(words));

    protected Result<string> RequiredText(CommandArguments arguments, string what)
    {
        var text = arguments.RestText();
        if (text.Length == 0)
            return Error($"Say what the {what} is.");
        if (text.Length > MaxTextLength)
            return Error($"That {what} is {text.Length} characters; keep it under {MaxTextLength}.");
        return text;
    }

    protected Result<IncidentCommand> NoArguments(CommandArguments arguments, IncidentCommand command) =>
        arguments.IsEmpty ? command : Error($"{RichText.Code(verb)} takes no arguments.");
}

public sealed class StatusSyntax() : LifecycleSyntax("status", "status <investigating|mitigated|resolved|closed|cancelled>",
    "Move the incident to another state.", 20)
{
    public override Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        if (arguments.Tokens.Count != 1)
            return Error("Say which state: investigating, mitigated, resolved, closed or cancelled.");
        var word = arguments.Tokens[0].Text.ToLowerInvariant();
        IncidentStatus? status = word switch
        {
            "investigating" or "ack" or "acknowledged" => IncidentStatus.Investigating,
            "mitigated" => IncidentStatus.Mitigated,
            "resolved" => IncidentStatus.Resolved,
            "closed" => IncidentStatus.Closed,
            "cancelled" or "canceled" => IncidentStatus.Cancelled,
            _ => null,
        };
        if (status is null)
        {
            return word == "declared"
                ? Error("An incident cannot go back to declared.")
                : Error($"{RichText.Code(arguments.Tokens[0].Text)} is not a state: use investigating, mitigated, resolved, closed or cancelled.");
        }
        return new ChangeStatusCommand(arguments.Target, status.Value);
    }
}

public sealed class SeveritySyntax() : LifecycleSyntax("sev", "sev <1-4>", "Change the severity (1 is the most severe).", 21)
{
    public override IReadOnlyList<string> Aliases => ["severity"];

    public override Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        if (arguments.Tokens.Count != 1 || !SeverityText.TryParse(arguments.Tokens[0].Text, out var severity))
        {
            return Error(arguments.IsEmpty
                ? RichText.Text("Say which severity: 1, 2, 3 or 4.")
                : RichText.Of($"{RichText.Code(arguments.RestText())} is not a severity: use {SeverityText.Choices}."));
        }
        return new ChangeSeverityCommand(arguments.Target, severity);
    }
}

public sealed class RoleSyntax(IncidentRole role, int order) : LifecycleSyntax(
    IncidentLifecycle.RoleName(role), $"{IncidentLifecycle.RoleName(role)} @user", $"Make someone the incident's {IncidentLifecycle.RoleName(role)} (`me` for yourself).", order)
{
    public override Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        if (arguments.Tokens.Count != 1)
            return Error($"Mention exactly one person to make {IncidentLifecycle.RoleName(role)}.");
        var token = arguments.Tokens[0];
        if (token.Kind == TokenKind.UserMention)
            return new AssignRoleCommand(arguments.Target, role, new UserId(token.Text));
        if (token.Text.Equals("me", StringComparison.OrdinalIgnoreCase))
            return new AssignRoleCommand(arguments.Target, role, null);
        return token.Text.StartsWith('@')
            ? Error($"I can't tell who {RichText.Code(token.Text)} is: pick the person from the @ list so the mention turns blue.")
            : Error($"{RichText.Code(token.Text)} is not a mention of a person.");
    }
}

public sealed class UpdateSyntax() : LifecycleSyntax("update", "update <text>", "Post a status update (restarts the update clock).", 30)
{
    public override Result<IncidentCommand> Parse(CommandArguments arguments) =>
        RequiredText(arguments, "update").Map(text => (IncidentCommand)new PostUpdateCommand(arguments.Target, text));
}

public sealed class NoteSyntax() : LifecycleSyntax("note", "note <text>", "Add a note to the timeline.", 31)
{
    public override Result<IncidentCommand> Parse(CommandArguments arguments) =>
        RequiredText(arguments, "note").Map(text => (IncidentCommand)new AddNoteCommand(arguments.Target, text));
}

public sealed class ResolveSyntax() : LifecycleSyntax("resolve", "resolve [summary]", "Mark the incident resolved, with what fixed it.", 40)
{
    public override Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        var text = arguments.RestText();
        return text.Length > MaxTextLength
            ? Error($"Keep the summary under {MaxTextLength} characters.")
            : new ChangeStatusCommand(arguments.Target, IncidentStatus.Resolved, text.Length == 0 ? null : text);
    }
}

public sealed class CloseSyntax() : LifecycleSyntax("close", "close", "Close a resolved incident (final).", 41)
{
    public override Result<IncidentCommand> Parse(CommandArguments arguments) =>
        NoArguments(arguments, new ChangeStatusCommand(arguments.Target, IncidentStatus.Closed));
}

public sealed class ReopenSyntax() : LifecycleSyntax("reopen", "reopen", "Reopen a resolved incident.", 42)
{
    public override Result<IncidentCommand> Parse(CommandArguments arguments) =>
        NoArguments(arguments, new ReopenCommand(arguments.Target));
}

public sealed class CancelSyntax() : LifecycleSyntax("cancel", "cancel [reason]", "Cancel an incident declared by mistake.", 43)
{
    public override Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        var text = arguments.RestText();
        return text.Length > MaxTextLength
            ? Error($"Keep the reason under {MaxTextLength} characters.")
            : new ChangeStatusCommand(arguments.Target, IncidentStatus.Cancelled, text.Length == 0 ? null : text);
    }
}
