using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Cards;

namespace IncidentBot.Teams.Conversations;

/// <summary>Looks up the names a message's mentions need (people by AAD id, incident threads by id) before rendering.</summary>
public sealed partial class TeamsNames(TeamsDirectory directory)
{
    public async Task<TeamsRenderContext> ContextForAsync(WorkspaceId workspace, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        var threads = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in Texts(message))
        {
            foreach (Match match in Reference().Matches(text))
            {
                var id = match.Groups[2].Value;
                if (match.Groups[1].Value == "@" && !people.ContainsKey(id))
                {
                    if (await directory.FindPersonAsync(workspace, id, cancellationToken) is { Name: { Length: > 0 } name })
                        people[id] = name;
                }
                else if (match.Groups[1].Value == "#" && !threads.ContainsKey(id))
                {
                    if (await directory.ThreadNameAsync(workspace, id, cancellationToken) is { } thread)
                        threads[id] = thread;
                }
            }
        }
        return new TeamsRenderContext(people, threads, workspace.Value);
    }

    private static IEnumerable<string> Texts(ChatMessage message)
    {
        yield return message.Text;
        foreach (var block in message.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    yield return t.Text;
                    break;
                case ContextBlock c:
                    yield return c.Text;
                    break;
                case FieldsBlock f:
                    foreach (var field in f.Fields)
                        yield return field.Value;
                    break;
            }
        }
    }

    [GeneratedRegex(@"<([@#])([^|<>\s]{1,300})(?:\|[^<>]*)?>")]
    private static partial Regex Reference();
}
