using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Paging.Commands;

public sealed class PageSyntax : ICommandSyntax
{
    public const string UsageLine = "page <team|@user> [INC-n]";

    public string Verb => "page";

    public string Usage => UsageLine;

    public string Summary => "Page a team (through its escalation policy) or a person into the incident; they acknowledge with a button.";

    public CommandScope Scope => CommandScope.Incident;

    public int HelpOrder => 25;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        var tokens = arguments.Tokens.ToList();
        var target = arguments.Target;
        if (tokens.Count == 2 && tokens[1].Kind == TokenKind.Word && IncidentNumber.LooksLikeKey(tokens[1].Text))
        {
            if (!IncidentNumber.TryParse(tokens[1].Text, out var number))
                return Error($"{RichText.Code(tokens[1].Text)} is not an incident number; they look like INC-12.");
            if (target is { } named && named != number)
                return Error($"Name the incident once: {named.Key} or {number.Key}?");
            target = number;
            tokens.RemoveAt(1);
        }
        if (tokens.Count != 1)
            return Error(tokens.Count == 0 ? "Say whom to page: a team from the on-call file, or @someone." : "Page one team or one person at a time.");
        var token = tokens[0];
        return token.Kind switch
        {
            TokenKind.UserMention => new PageCommand(target, null, new UserId(token.Text)),
            TokenKind.Word when token.Text.StartsWith('@') => Error($"I can't tell who {RichText.Code(token.Text)} is: pick the person from the @ list so the mention turns blue."),
            TokenKind.Word => new PageCommand(target, token.Text, null),
            _ => Error($"{RichText.Code(token.AsText)} is not a team or a person."),
        };
    }

    private static UserError Error(RichTextBuilder message) => new("bad_syntax", RichText.Of(message), UsageLine);


    private static UserError Error(RichText message) => new("bad_syntax", message, UsageLine);


    private static UserError Error(string words) => Error(RichText.Text(words));
}
