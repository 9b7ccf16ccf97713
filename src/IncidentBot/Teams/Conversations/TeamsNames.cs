using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Cards;

namespace IncidentBot.Teams.Conversations;

/// <summary>Looks up the names a message's mentions need (people by AAD id, incident threads by id) before rendering.</summary>
public sealed class TeamsNames(TeamsDirectory directory)
{
    public async Task<TeamsRenderContext> ContextForAsync(WorkspaceId workspace, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        var threads = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kind, id) in References(message))
        {
            if (kind == '@' && !people.ContainsKey(id))
            {
                if (await directory.FindPersonAsync(workspace, id, cancellationToken) is { Name: { Length: > 0 } name })
                    people[id] = name;
            }
            else if (kind == '#' && !threads.ContainsKey(id))
            {
                if (await directory.ThreadNameAsync(workspace, id, cancellationToken) is { } thread)
                    threads[id] = thread;
            }
        }
        return new TeamsRenderContext(people, threads, workspace.Value);
    }

    /// <summary>People and threads the message names: its mention and channel runs.</summary>
    private static IEnumerable<(char Kind, string Id)> References(ChatMessage message)
    {
        foreach (var text in Texts(message))
        {
            foreach (var run in text.Descendants())
            {
                switch (run)
                {
                    case MentionRun mention:
                        yield return ('@', mention.User.Value);
                        break;
                    case ChannelRun channel:
                        yield return ('#', channel.Channel.Value);
                        break;
                }
            }
        }
    }

    private static IEnumerable<RichText> Texts(ChatMessage message)
    {
        yield return message.Text;
        foreach (var block in message.Blocks)
        {
            switch (block)
            {
                case HeaderBlock h:
                    yield return h.Text;
                    break;
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
}
