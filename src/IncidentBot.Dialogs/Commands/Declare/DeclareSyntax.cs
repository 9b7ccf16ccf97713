using System.Diagnostics;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Commands.Declare;

public sealed class DeclareSyntax : ICommandSyntax
{
    public const string UsageLine = "declare [sev1-4] <title> [--source S] [--market NP,IN] [--lang ne,bho] [--restricted]";

    // Checked before a value is looked for, so `--urgent` is reported as unknown, not as missing its value.
    private static readonly string[] OptionsWithValue =
        ["source", "src", "market", "markets", "lang", "langs", "language", "languages", "sev", "severity", "desc", "description"];

    public string Verb => "declare";

    public IReadOnlyList<string> Aliases => ["new", "open"];

    public string Usage => UsageLine;

    public string Summary => "Declare an incident (no title opens a form). Sources: " + IncidentSourceText.Choices + "; severity defaults to SEV3.";

    public CommandScope Scope => CommandScope.Workspace;

    public int HelpOrder => 0;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        var command = new DeclareCommand();
        var tokens = arguments.Tokens;
        var titleWords = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (i == 0 && token.Kind == TokenKind.Word && SeverityText.LooksLikeSeverity(token.Text))
            {
                if (!SeverityText.TryParse(token.Text, out var severity))
                    return Error($"{RichText.Code(token.Text)} is not a severity: use {SeverityText.Choices}.");
                command = command with { Severity = severity };
                continue;
            }
            if (!token.IsFlag)
            {
                titleWords.Add(token.AsText);
                continue;
            }

            var (name, inlineValue) = SplitFlag(token.FlagName!);
            if (name is "restricted" or "private")
            {
                command = command with { IsRestricted = true };
                continue;
            }
            if (!OptionsWithValue.Contains(name))
                return Error($"{RichText.Code($"--{name}")} is not an option of declare.");
            string value;
            if (inlineValue is { Length: > 0 })
            {
                value = inlineValue;
            }
            else if (inlineValue is null && i + 1 < tokens.Count && !tokens[i + 1].IsFlag)
            {
                value = tokens[++i].AsText;
            }
            else
            {
                return Error($"{RichText.Code($"--{name}")} needs a value.");
            }
            // `--market NP, IN`: a list goes on past the space people put after a comma.
            if (name is "market" or "markets" or "lang" or "langs" or "language" or "languages")
            {
                while (i + 1 < tokens.Count && !tokens[i + 1].IsFlag && (value.EndsWith(',') || tokens[i + 1].Text.StartsWith(',')))
                    value += tokens[++i].AsText;
            }

            switch (name)
            {
                case "source" or "src":
                    if (!IncidentSourceText.TryParse(value, out var source))
                        return Error($"{RichText.Code(value)} is not a source: use {IncidentSourceText.Choices}.");
                    command = command with { Source = source };
                    break;
                case "market" or "markets":
                    var markets = MarketCodes.ParseList(value);
                    if (!markets.IsSuccess)
                        return markets.Error with { Usage = UsageLine };
                    command = command with { Markets = [.. command.Markets.Union(markets.Value)] };
                    break;
                case "lang" or "langs" or "language" or "languages":
                    var languages = LanguageCodes.ParseList(value);
                    if (!languages.IsSuccess)
                        return languages.Error with { Usage = UsageLine };
                    command = command with { Languages = [.. command.Languages.Union(languages.Value)] };
                    break;
                case "sev" or "severity":
                    if (!SeverityText.TryParse(value, out var flagged))
                        return Error($"{RichText.Code(value)} is not a severity: use {SeverityText.Choices}.");
                    command = command with { Severity = flagged };
                    break;
                case "desc" or "description":
                    command = command with { Description = value };
                    break;
                default:
                    throw new UnreachableException($"Option --{name} is listed but not handled.");
            }
        }

        var title = string.Join(' ', titleWords).Trim();
        if (title.Length > DeclareFormValidator.MaxTitleLength)
            return Error($"The title is {title.Length} characters; keep it under {DeclareFormValidator.MaxTitleLength} and add details with --description.");
        return command with { Title = title.Length == 0 ? null : title };
    }

    private static (string Name, string? Value) SplitFlag(string flag)
    {
        var equals = flag.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (flag.ToLowerInvariant(), null) : (flag[..equals].ToLowerInvariant(), flag[(equals + 1)..]);
    }

    private static UserError Error(RichTextBuilder message) => new("bad_declare", RichText.Of(message), UsageLine);


    private static UserError Error(RichText message) => new("bad_declare", message, UsageLine);


    private static UserError Error(string words) => Error(RichText.Text(words));
}
