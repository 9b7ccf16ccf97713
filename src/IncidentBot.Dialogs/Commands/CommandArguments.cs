using System.Text;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands;

/// <summary>What follows the verb, and the incident it was aimed at (<c>INC-n</c> before the verb), if any.</summary>
public sealed record CommandArguments(string Verb, IncidentNumber? Target, IReadOnlyList<CommandToken> Tokens, string Source)
{
    public bool IsEmpty => Tokens.Count == 0;

    /// <summary>
    /// The free text from token <paramref name="from"/> to the end, as typed (spacing and
    /// punctuation kept), with references normalised to <c>&lt;@id&gt;</c> and entities decoded.
    /// </summary>
    public string RestText(int from = 0)
    {
        if (from >= Tokens.Count)
            return "";
        var builder = new StringBuilder();
        var position = Tokens[from].Start;
        for (var i = from; i < Tokens.Count; i++)
        {
            var token = Tokens[i];
            builder.Append(Source, position, token.Start - position);
            // A quoted part keeps the quotation marks as typed, with its text decoded like the rest.
            if (token.Kind == TokenKind.Quoted)
                builder.Append(Source[token.Start]).Append(token.Text).Append(Source[token.End - 1]);
            else
                builder.Append(token.AsText);
            position = token.End;
        }
        return builder.ToString().Trim();
    }
}
