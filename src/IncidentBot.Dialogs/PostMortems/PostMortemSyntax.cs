using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary><c>postmortem</c> (draft), <c>postmortem owner @user</c>, <c>postmortem done &lt;link&gt;</c>.</summary>
public sealed class PostMortemSyntax : ICommandSyntax
{
    public string Verb => "postmortem";

    public IReadOnlyList<string> Aliases => ["post-mortem", "pm"];

    public string Usage => PostMortemUsage.All;

    public string Summary => "Draft the post-mortem from the timeline (uploaded here), name its owner, or record the link when it is written.";

    public CommandScope Scope => CommandScope.Incident;

    public int HelpOrder => 60;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        var tokens = arguments.Tokens;
        if (tokens.Count == 0 || (tokens.Count == 1 && tokens[0].Text.Equals("draft", StringComparison.OrdinalIgnoreCase)))
            return new DraftPostMortemCommand(arguments.Target);
        switch (tokens[0].Text.ToLowerInvariant())
        {
            case "owner":
                if (tokens.Count != 2)
                    return new UserError("bad_syntax", "Mention exactly one person to own the post-mortem.", PostMortemUsage.Owner);
                if (tokens[1].Kind == TokenKind.UserMention)
                    return new SetPostMortemOwnerCommand(arguments.Target, new UserId(tokens[1].Text));
                if (tokens[1].Text.Equals("me", StringComparison.OrdinalIgnoreCase))
                    return new SetPostMortemOwnerCommand(arguments.Target, null);
                return new UserError("bad_syntax", tokens[1].Text.StartsWith('@')
                    ? RichText.Of($"I can't tell who {RichText.Code(tokens[1].Text)} is: pick the person from the @ list so the mention turns blue.")
                    : RichText.Of($"{RichText.Code(tokens[1].Text)} is not a mention of a person."), PostMortemUsage.Owner);
            case "done":
                if (tokens.Count != 2)
                    return new UserError("bad_syntax", "Give the link to the written post-mortem.", PostMortemUsage.Done);
                var link = tokens[1].Text;
                return Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                    ? new CompletePostMortemCommand(arguments.Target, uri.ToString())
                    : new UserError("bad_syntax", $"{RichText.Code(link)} is not a link; give the address of the written post-mortem (https://…).", PostMortemUsage.Done);
            default:
                return new UserError("bad_syntax", $"{RichText.Code(tokens[0].Text)} is not a post-mortem command: use {RichText.Code("postmortem")} for a draft, {RichText.Code("owner")} or {RichText.Code("done")}.", Usage);
        }
    }
}
