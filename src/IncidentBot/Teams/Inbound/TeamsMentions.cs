using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;

namespace IncidentBot.Teams.Inbound;

/// <summary>
/// Turns Teams message text into the neutral command text the parser reads: the bot's own
/// <c>&lt;at&gt;</c> mention is dropped, other people's become <c>&lt;@aadObjectId|Name&gt;</c>
/// (resolved through the mention entities, never the text), and everything else is decoded from
/// Teams' HTML entities and escaped the way the parser expects.
/// </summary>
public sealed partial class TeamsMentions(TeamsDirectory directory, ILogger<TeamsMentions> logger)
{
    public async Task<string> NormalizeAsync(ITurnContext turn, TeamsTurn who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(who);
        var activity = turn.Activity;
        var text = activity.Text ?? "";
        var entities = (activity.Entities ?? []).Where(e => e.Type == "mention").Select(e => e.GetAs<Mention>()).ToList();
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (Match match in AtTag().Matches(text))
        {
            builder.Append(Plain(text[position..match.Index]));
            position = match.Index + match.Length;
            var entity = entities.FirstOrDefault(m => m.Text == match.Value);
            if (entity is not null)
                entities.Remove(entity);
            var mentioned = entity?.Mentioned;
            if (mentioned is not null && mentioned.Id == activity.Recipient?.Id)
                continue; // "@IncidentBot" itself
            var name = Label(mentioned?.Name ?? WebUtility.HtmlDecode(match.Groups[1].Value));
            var aad = mentioned is null ? null : await ResolveAsync(turn, who, mentioned, cancellationToken);
            builder.Append(aad is null ? ChatText.Escape("@" + name) : $"<@{aad}|{name}>");
        }
        builder.Append(Plain(text[position..]));
        return builder.ToString().Trim();
    }

    private async Task<string?> ResolveAsync(ITurnContext turn, TeamsTurn who, ChannelAccount mentioned, CancellationToken cancellationToken)
    {
        if (mentioned.AadObjectId is { Length: > 0 } aad)
            return aad;
        if (string.IsNullOrEmpty(mentioned.Id))
            return null;
        if (await directory.FindByTeamsIdAsync(who.Workspace, mentioned.Id, cancellationToken) is { } known)
            return known.AadObjectId;
        try
        {
            var member = await TeamsInfo.GetMemberAsync(turn, mentioned.Id, cancellationToken);
            if (member?.AadObjectId is not { Length: > 0 } found)
                return null;
            await directory.RememberPersonAsync(who.Workspace, new TeamsPerson
            {
                WorkspaceId = who.Workspace.Value,
                AadObjectId = found,
                TeamsUserId = mentioned.Id,
                Name = member.Name ?? mentioned.Name,
                Email = (member.Email ?? member.UserPrincipalName)?.Trim().ToLowerInvariant(),
                ServiceUrl = who.ServiceUrl,
            }, cancellationToken);
            return found;
        }
        catch (Exception e) when (e is Microsoft.Bot.Schema.ErrorResponseException or HttpRequestException or InvalidOperationException)
        {
            logger.MentionUnresolved(who.Workspace.Value, e.GetType().Name);
            return null;
        }
    }

    // Teams sends the text with HTML entities (&amp;, &nbsp;); the parser wants Slack's three escapes.
    private static string Plain(string segment) =>
        ChatText.Escape(WebUtility.HtmlDecode(segment).Replace('\u00A0', ' '));

    // A label sits inside <@id|label>: no angle brackets or bars.
    private static string Label(string name) =>
        new string([.. name.Select(c => c is '<' or '>' or '|' ? ' ' : c)]).Trim();

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AtTag();
}
