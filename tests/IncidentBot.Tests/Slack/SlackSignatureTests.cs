using System.Text;
using IncidentBot.Slack;
using IncidentBot.Slack.Inbound;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Tests.Slack;

public sealed class SlackSignatureTests
{
    // The published test vector of Slack's "Verifying requests from Slack" page.
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
        + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
        + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

    private static SlackRequestVerifier VerifierAt(long unixSeconds) =>
        new(new StaticOptions(new SlackOptions { SigningSecret = Secret, BotToken = "xoxb-test" }),
            new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Computes_the_signature_of_Slacks_published_test_vector()
    {
        Assert.Equal(362, Body.Length);
        Assert.Equal(Expected, SlackSignature.Compute(Secret, Timestamp, Body));
    }

    [Fact]
    public void Accepts_the_test_vector_at_its_own_time()
    {
        Assert.Equal(SlackVerification.Valid, VerifierAt(1531420618).Verify(Timestamp, Expected, Body));
    }

    [Theory]
    [InlineData(1531420618 + 300, SlackVerification.Valid)]
    [InlineData(1531420618 + 301, SlackVerification.StaleTimestamp)]
    [InlineData(1531420618 - 301, SlackVerification.StaleTimestamp)]
    public void Accepts_five_minutes_either_side_and_no_more(long now, SlackVerification expected)
    {
        Assert.Equal(expected, VerifierAt(now).Verify(Timestamp, Expected, Body));
    }

    [Theory]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504")]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("V0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503")]
    [InlineData("v0=")]
    [InlineData("garbage")]
    public void Refuses_any_other_signature(string signature)
    {
        Assert.Equal(SlackVerification.BadSignature, VerifierAt(1531420618).Verify(Timestamp, signature, Body));
    }

    [Fact]
    public void Refuses_a_body_that_differs_by_one_byte()
    {
        var changed = (byte[])Body.Clone();
        changed[^1] ^= 1;

        Assert.Equal(SlackVerification.BadSignature, VerifierAt(1531420618).Verify(Timestamp, Expected, changed));
    }

    [Theory]
    [InlineData(null, Expected, SlackVerification.MissingHeaders)]
    [InlineData(Timestamp, null, SlackVerification.MissingHeaders)]
    [InlineData("1531420618.5", Expected, SlackVerification.MalformedTimestamp)]
    [InlineData("-1", Expected, SlackVerification.MalformedTimestamp)]
    [InlineData("99999999999999999999", Expected, SlackVerification.MalformedTimestamp)]
    public void Refuses_missing_or_malformed_headers(string? timestamp, string? signature, SlackVerification expected)
    {
        Assert.Equal(expected, VerifierAt(1531420618).Verify(timestamp, signature, Body));
    }

    private sealed class StaticOptions(SlackOptions value) : IOptionsMonitor<SlackOptions>
    {
        public SlackOptions CurrentValue => value;

        public SlackOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SlackOptions, string?> listener) => null;
    }
}
