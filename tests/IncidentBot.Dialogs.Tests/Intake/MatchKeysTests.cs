using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;

namespace IncidentBot.Dialogs.Tests.Intake;

public sealed class MatchKeysTests
{
    private static IntakeReport Report(string? text = null, string? trendKey = null, params string[] urls) => new()
    {
        Source = IncidentSource.Trending,
        ExternalId = "x",
        ReceivedAt = DateTimeOffset.UnixEpoch,
        Text = text,
        TrendKey = trendKey,
        Urls = urls,
    };

    [Theory]
    [InlineData("https://www.Example.com/v/Clip1/?utm_source=share&fbclid=abc", "http://example.com/v/Clip1")]
    [InlineData("https://m.example.com/v/1#comments", "https://example.com/v/1/")]
    [InlineData("https://example.com/watch?v=42&si=tracking", "https://example.com/watch?v=42")]
    [InlineData("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2")]
    public void Urls_that_differ_only_in_host_prefix_scheme_slash_fragment_or_tracking_meet(string one, string other) =>
        Assert.Equal(MatchKeys.Url(one), MatchKeys.Url(other));

    [Theory]
    [InlineData("https://example.com/v/Clip1", "https://example.com/v/clip1")]
    [InlineData("https://example.com/watch?v=42", "https://example.com/watch?v=43")]
    [InlineData("https://example.com:8443/v/1", "https://example.com/v/1")]
    public void Urls_that_name_other_content_do_not_meet(string one, string other) =>
        Assert.NotEqual(MatchKeys.Url(one), MatchKeys.Url(other));

    [Fact]
    public void A_trend_key_and_a_hashtag_in_the_text_meet_whatever_their_case_or_width()
    {
        var byKey = MatchKeys.Of(Report(trendKey: "#BlueWhale"));
        var byText = MatchKeys.Of(Report(text: "Seen again: ＃ＢｌｕｅＷｈａｌｅ on many accounts"));

        Assert.Equal(["tag:bluewhale"], byKey);
        Assert.Equal(["tag:bluewhale"], byText);
    }

    [Fact]
    public void Devanagari_hashtags_keep_their_vowel_signs_and_a_url_fragment_is_not_a_hashtag()
    {
        var keys = MatchKeys.Of(Report(text: "बच्चों में #सांसरोको चैलेंज https://example.com/p#section"));

        Assert.Contains("tag:सांसरोको", keys);
        Assert.Contains("url:example.com/p", keys);
        Assert.DoesNotContain("tag:section", keys);
    }

    [Fact]
    public void Keys_come_once_each_and_at_most_the_limit()
    {
        var urls = Enumerable.Range(0, 40).Select(i => $"https://example.com/v/{i}").Append("https://example.com/v/0/").ToArray();

        var keys = MatchKeys.Of(Report(trendKey: "dare", urls: urls));

        Assert.Equal(MatchKeys.MaxKeys, keys.Count);
        Assert.Equal("tag:dare", keys[0]);
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Text_that_is_not_an_http_url_gives_no_url_key()
    {
        Assert.Null(MatchKeys.Url("ftp://example.com/file"));
        Assert.Null(MatchKeys.Url("example.com/v/1"));
    }
}
