using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Commands;

/// <summary>
/// Turns <c>/incident …</c> text into a command record. Pure: no I/O, same answer for the
/// same text on every platform.
/// </summary>
public sealed class CommandParser
{
    private readonly Dictionary<string, ICommandSyntax> _byVerb = new(StringComparer.OrdinalIgnoreCase);

    public CommandParser(IEnumerable<ICommandSyntax> syntaxes)
    {
        Syntaxes = [.. syntaxes.OrderBy(s => s.HelpOrder).ThenBy(s => s.Verb, StringComparer.Ordinal)];
        foreach (var syntax in Syntaxes)
        {
            foreach (var word in syntax.Aliases.Prepend(syntax.Verb))
            {
                if (!_byVerb.TryAdd(word, syntax))
                    throw new InvalidOperationException($"Two commands claim the word '{word}'.");
            }
        }
    }

    public IReadOnlyList<ICommandSyntax> Syntaxes { get; }

    public ICommandSyntax? Find(string verb) => _byVerb.GetValueOrDefault(verb);

    public Result<IncidentCommand> Parse(string text)
    {
        var tokenized = CommandTokenizer.Tokenize(text ?? "");
        if (!tokenized.IsSuccess)
            return tokenized.Error;
        var tokens = tokenized.Value;
        if (tokens.Count == 0)
            return Find("help") is { } help ? help.Parse(new CommandArguments("help", null, [], "")) : new UserError("empty", "Type a command.");

        IncidentNumber? target = null;
        var verbAt = 0;
        if (tokens[0].Kind == TokenKind.Word && IncidentNumber.LooksLikeKey(tokens[0].Text))
        {
            if (!IncidentNumber.TryParse(tokens[0].Text, out var number))
                return new UserError("bad_incident", $"{RichText.Code(tokens[0].Text)} is not an incident number; they look like INC-12.");
            target = number;
            verbAt = 1;
            if (tokens.Count == 1)
                return Parse($"show {number.Key}");
        }

        var verb = tokens[verbAt].Text;
        if (tokens[verbAt].Kind != TokenKind.Word || Find(verb) is not { } syntax)
            return UnknownVerb(verb);
        if (target is not null && syntax.Scope == CommandScope.Workspace)
            return new UserError("bad_syntax", $"{RichText.Code(syntax.Verb)} is not about one incident; leave out {target.Value.Key}.", syntax.Usage);
        return syntax.Parse(new CommandArguments(syntax.Verb, target, tokens.Skip(verbAt + 1).ToArray(), text!));
    }

    private UserError UnknownVerb(string verb)
    {
        var closest = _byVerb.Keys
            .Select(known => (known, distance: EditDistance(known, verb.ToLowerInvariant())))
            .Where(x => x.distance <= 2)
            .OrderBy(x => x.distance)
            .Select(x => x.known)
            .FirstOrDefault();
        var hint = closest is null ? RichText.Empty : RichText.Of($" Did you mean {RichText.Code(closest)}?");
        return new UserError("unknown_command", $"I don't know the command {RichText.Code(verb)}.{hint} Type {RichText.Code("help")} to see them all.");
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
