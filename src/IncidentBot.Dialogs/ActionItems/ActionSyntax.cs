using System.Globalization;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary><c>action add &lt;text&gt; @owner [due &lt;date&gt;]</c>, <c>action done &lt;id&gt;</c>, <c>action list</c>.</summary>
public sealed class ActionSyntax : ICommandSyntax
{
    public const int MaxTextLength = 500;

    public string Verb => "action";

    public IReadOnlyList<string> Aliases => ["actions"];

    public string Usage => ActionUsage.All;

    public string Summary => "Follow-up actions with an owner and a due date; the owner is reminded by DM.";

    public CommandScope Scope => CommandScope.Incident;

    public int HelpOrder => 61;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        var tokens = arguments.Tokens;
        if (tokens.Count == 0 || (tokens.Count == 1 && tokens[0].Text.Equals("list", StringComparison.OrdinalIgnoreCase)))
            return new ListActionsCommand(arguments.Target);
        return tokens[0].Text.ToLowerInvariant() switch
        {
            "add" or "new" => ParseAdd(arguments),
            "done" or "close" or "complete" => ParseDone(arguments),
            "list" => new UserError("bad_syntax", $"{RichText.Code("action list")} takes no arguments.", Usage),
            _ => new UserError("bad_syntax", $"{RichText.Code(tokens[0].Text)} is not an action command: use add, done or list.", Usage),
        };
    }

    private static Result<IncidentCommand> ParseAdd(CommandArguments arguments)
    {
        var tokens = arguments.Tokens;
        var ownerAt = -1;
        string? dueText = null;
        for (var i = tokens.Count - 1; i >= 2; i--)
        {
            if (tokens[i].Kind == TokenKind.Word && tokens[i].Text.Equals("due", StringComparison.OrdinalIgnoreCase)
                && tokens[i - 1].Kind == TokenKind.UserMention)
            {
                ownerAt = i - 1;
                dueText = string.Join(' ', tokens.Skip(i + 1).Select(t => t.Text));
                break;
            }
        }
        if (ownerAt < 0 && tokens.Count > 1 && tokens[^1].Kind == TokenKind.UserMention)
            ownerAt = tokens.Count - 1;
        if (ownerAt < 0)
        {
            var typed = tokens.Skip(1).FirstOrDefault(t => t.Text.StartsWith('@'));
            return new UserError("bad_syntax", typed is not null
                ? RichText.Of($"I can't tell who {RichText.Code(typed.Text)} is: pick the owner from the @ list so the mention turns blue.")
                : RichText.Of($"Mention the owner after the text, e.g. {RichText.Code("action add Send the regulator our reply @alice due friday")}."), ActionUsage.Add);
        }
        if (ownerAt == 1)
            return new UserError("bad_syntax", "Say what needs doing before the owner.", ActionUsage.Add);
        var text = (arguments with { Tokens = [.. tokens.Take(ownerAt)] }).RestText(1);
        if (text.Length > MaxTextLength)
            return new UserError("bad_syntax", $"That action is {text.Length} characters; keep it under {MaxTextLength}.", ActionUsage.Add);
        DueInput? due = null;
        if (dueText is not null)
        {
            if (dueText.Length == 0)
                return new UserError("bad_date", $"Say when it is due after {RichText.Code("due")}, e.g. {TimeText.DueExamples}.", ActionUsage.Add);
            var parsed = TimeText.ParseDue(dueText);
            if (!parsed.IsSuccess)
                return parsed.Error with { Usage = ActionUsage.Add };
            due = parsed.Value;
        }
        return new AddActionCommand(arguments.Target, text, new UserId(tokens[ownerAt].Text), due);
    }

    private static Result<IncidentCommand> ParseDone(CommandArguments arguments)
    {
        if (arguments.Tokens.Count != 2)
            return new UserError("bad_syntax", $"Give the number of the action item, as {RichText.Code("action list")} shows it.", ActionUsage.Done);
        return TryParseSequence(arguments.Tokens[1].Text, out var sequence)
            ? new CompleteActionCommand(arguments.Target, sequence)
            : new UserError("bad_syntax", $"{RichText.Code(arguments.Tokens[1].Text)} is not the number of an action item; they look like 3 or #3.", ActionUsage.Done);
    }

    public static bool TryParseSequence(string text, out int sequence)
    {
        var span = text.AsSpan().Trim().TrimStart('#');
        return int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out sequence) && sequence > 0;
    }
}
