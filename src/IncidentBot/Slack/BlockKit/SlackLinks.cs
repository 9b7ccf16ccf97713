using System.Text.RegularExpressions;

namespace IncidentBot.Slack.BlockKit;

/// <summary>
/// Writes every web link in outgoing mrkdwn so that Slack never unfurls it.
/// <para>
/// <c>unfurl_links</c>/<c>unfurl_media</c> exist only on <c>chat.postMessage</c> (and webhooks):
/// <c>chat.update</c> and <c>chat.postEphemeral</c> take no such argument, and nothing says an
/// update keeps the flags of the original post (its <c>parse</c> and <c>link_names</c> are reset
/// to their defaults when omitted). What Slack documents for every message is this rule:
/// "we never unfurl links where the label is a complete substring of your URL minus the
/// protocol" (docs.slack.dev, Unfurling links in messages, classic unfurling). So a link goes
/// out as <c>&lt;https://host/path|host/path&gt;</c>, a bare address in people's text too
/// (Slack would otherwise turn it into a label-less link and preview its media), and a
/// responder sees where a link leads instead of a label chosen by whoever posted it.
/// </para>
/// </summary>
public static partial class SlackLinks
{
    public static string Disarm(string mrkdwn)
    {
        ArgumentNullException.ThrowIfNull(mrkdwn);
        if (!mrkdwn.Contains("://", StringComparison.Ordinal))
            return mrkdwn;
        return Token().Replace(mrkdwn, match =>
        {
            if (match.Groups["code"].Success)
                return match.Value; // Slack shows code as typed and links nothing inside it
            if (match.Groups["link"].Success)
                return Link(match.Groups["link"].Value);
            var bare = match.Groups["bare"].Value;
            var end = bare.Length;
            while (end > 0 && TrailingPunctuation.Contains(bare[end - 1]))
                end--;
            return Link(bare[..end]) + bare[end..];
        });
    }

    /// <summary>The label Slack never unfurls: the address without its scheme.</summary>
    private static string Link(string url)
    {
        var label = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        return label.Length == 0 ? url : $"<{url}|{label}>";
    }

    // Sentence punctuation after an address belongs to the sentence, as in Slack's own autolinker.
    private const string TrailingPunctuation = ".,;:!?)]}'\"";

    [GeneratedRegex(@"(?<code>`[^`\n]*`)|<(?<link>https?://[^|<>\s]+)(?:\|[^<>]*)?>|(?<![<|\w/])(?<bare>https?://[^\s<>|`*]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Token();
}
