using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Trends;
using IncidentBot.Rules;

namespace IncidentBot.Tests.Rules;

public sealed class PolicyFileDigestTests
{
    [Fact]
    public void Without_a_digest_section_there_is_no_weekly_digest()
    {
        Assert.False(PolicyFile.Parse("holidays: []\n", "p.yaml").Rules!.Digest.IsEnabled);
        Assert.False(IncidentRules.Default.Digest.IsEnabled);
    }

    [Fact]
    public void A_digest_section_sets_the_day_time_zone_and_cut()
    {
        var result = PolicyFile.Parse("digest:\n  day: fri\n  time: \"16:30\"\n  timeZone: Asia/Kathmandu\n  by: regime\n", "p.yaml");

        var digest = result.Rules!.Digest;
        Assert.True(digest.IsEnabled);
        Assert.Equal(DayOfWeek.Friday, digest.Day);
        Assert.Equal(new TimeOnly(16, 30), digest.Time);
        Assert.Equal(new TimeSpan(5, 45, 0), digest.Zone!.BaseUtcOffset);
        Assert.Equal(TrendCut.Regime, digest.Cut);
    }

    [Fact]
    public void A_wrong_digest_line_is_named_with_its_line()
    {
        var result = PolicyFile.Parse("digest:\n  day: someday\n  timeZone: Mars/Olympus\n  by: week\n", "p.yaml");

        Assert.False(result.IsValid);
        Assert.Collection(result.Errors.Select(e => e.ToString()),
            e => Assert.StartsWith("p.yaml:2:8: digest: day: `someday` is not a day", e, StringComparison.Ordinal),
            e => Assert.StartsWith("p.yaml:3:13: digest: timeZone: `Mars/Olympus` is not a known time zone", e, StringComparison.Ordinal),
            e => Assert.StartsWith("p.yaml:4:7: digest: by: `week` is not a cut", e, StringComparison.Ordinal));
    }
}
