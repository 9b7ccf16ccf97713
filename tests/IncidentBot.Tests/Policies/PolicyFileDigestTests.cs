using IncidentBot.Dialogs.Policies;
using IncidentBot.Dialogs.Trends;
using IncidentBot.Policies;

namespace IncidentBot.Tests.Policies;

public sealed class PolicyFileDigestTests
{
    [Fact]
    public void Without_a_digest_section_there_is_no_weekly_digest()
    {
        Assert.False(PolicyFile.Parse("holidays: []\n", "p.yaml").Policies!.Digest.IsEnabled);
        Assert.False(IncidentPolicies.Default.Digest.IsEnabled);
    }

    [Fact]
    public void A_digest_section_sets_the_day_time_zone_and_cut()
    {
        var result = PolicyFile.Parse("digest:\n  day: fri\n  time: \"16:30\"\n  timeZone: Asia/Kathmandu\n  by: regime\n", "p.yaml");

        var digest = result.Policies!.Digest;
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
        Assert.Contains(result.Problems, p => p.StartsWith("p.yaml line 2: digest: `someday` is not a day", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("p.yaml line 3: digest: timeZone `Mars/Olympus`", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("p.yaml line 4: digest: by `week`", StringComparison.Ordinal));
    }
}
