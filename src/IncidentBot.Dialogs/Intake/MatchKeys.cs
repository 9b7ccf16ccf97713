using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// The keys by which reports of one trend find each other: the trend key, each URL and each
/// hashtag, normalised so that spelling differences that mean the same thing meet
/// (<c>#BlueWhale</c> and <c>#bluewhale</c>; <c>https://www.Example.com/v/1/?utm_source=x</c> and
/// <c>http://example.com/v/1</c>).
/// </summary>
public static partial class MatchKeys
{
    /// <summary>Keys looked at per report; the first ones are the trend key, then the URLs, then hashtags.</summary>
    public const int MaxKeys = 24;

    /// <summary>Longer keys are cut: a key is an identity, not content.</summary>
    public const int MaxKeyLength = 300;

    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "igshid", "si", "feature", "ref", "ref_src", "s", "mc_cid", "mc_eid",
    };

    private static readonly string[] HostPrefixes = ["www.", "m.", "mobile."];

    /// <summary>The report's keys, each once, at most <see cref="MaxKeys"/>.</summary>
    public static IReadOnlyList<string> Of(IntakeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var keys = new List<string>();
        void Add(string? key)
        {
            if (key is { Length: > 0 } && keys.Count < MaxKeys && !keys.Contains(key, StringComparer.Ordinal))
                keys.Add(key.Length <= MaxKeyLength ? key : key[..MaxKeyLength]);
        }
        if (report.TrendKey is { } trend)
            Add(Tag(trend));
        foreach (var url in report.Urls)
            Add(Url(url));
        foreach (var text in new[] { report.Title, report.Text })
        {
            if (text is null)
                continue;
            foreach (Match url in UrlPattern().Matches(text))
                Add(Url(url.Value));
        }
        foreach (var text in new[] { report.Title, report.Text })
        {
            if (text is null)
                continue;
            foreach (Match tag in HashtagPattern().Matches(text))
                Add(Tag(tag.Value));
        }
        return keys;
    }

    /// <summary><c>#BlueWhale</c>, <c>bluewhale</c> and <c>ＢｌｕｅＷｈａｌｅ</c> are all <c>tag:bluewhale</c>.</summary>
    public static string? Tag(string text)
    {
        var trimmed = text.Trim().TrimStart('#', '＃').Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (!char.IsWhiteSpace(c))
                builder.Append(c);
        }
        return builder.Length == 0 ? null : "tag:" + builder;
    }

    /// <summary>
    /// Scheme, <c>www.</c>/<c>m.</c>, default port, fragment, trailing slash and tracking parameters
    /// do not make another URL; the path's case does (it often names the content). Null for text
    /// that is not an absolute http(s) URL.
    /// </summary>
    public static string? Url(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', ',', ';', ':', ')', ']', '!', '?', '>', '"', '\'');
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return null;
        var host = uri.IdnHost.ToLowerInvariant();
        foreach (var prefix in HostPrefixes)
        {
            if (host.StartsWith(prefix, StringComparison.Ordinal) && host.Length > prefix.Length + 3)
            {
                host = host[prefix.Length..];
                break;
            }
        }
        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimEnd('/');
        var query = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTracking(p))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        return "url:" + host + port + path + (query.Length == 0 ? "" : "?" + string.Join('&', query));
    }

    private static bool IsTracking(string parameter)
    {
        var name = parameter.Split('=', 2)[0];
        return name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);
    }

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    // Letters, combining marks (Devanagari vowel signs) and digits; the # must not follow a word character (a URL fragment).
    [GeneratedRegex(@"(?<![\w/&])[#＃][\p{L}\p{M}\p{N}_]{2,100}")]
    private static partial Regex HashtagPattern();
}
