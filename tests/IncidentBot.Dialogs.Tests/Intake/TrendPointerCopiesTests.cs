using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Storage;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Dialogs.Tests.Intake;

/// <summary>A trend pointer read lately stands in for a read for a few seconds; a read that finds none and a unit that writes it forget it.</summary>
public sealed class TrendPointerCopiesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero));

    private Versioned<TrendPointer> Pointer(int incident) => new(new TrendPointer
    {
        WorkspaceId = "T1",
        Key = "tag:challenge",
        IncidentNumber = incident,
        CreatedAt = _clock.GetUtcNow(),
        LastSeenAt = _clock.GetUtcNow(),
    }, $"\"etag-{incident}\"");

    [Fact]
    public void A_copy_stands_in_until_its_lifetime_is_up()
    {
        var copies = new TrendPointerCopies(_clock);
        copies.Read("T1", "tag:challenge", Pointer(7), _clock.GetUtcNow());

        _clock.Advance(TrendPointerCopies.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(7, copies.Recent("T1", "tag:challenge")!.Value.IncidentNumber);
        Assert.Null(copies.Recent("T2", "tag:challenge"));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(copies.Recent("T1", "tag:challenge"));
    }

    [Fact]
    public void A_read_that_finds_no_pointer_and_a_write_of_it_forget_the_copy()
    {
        var copies = new TrendPointerCopies(_clock);
        copies.Read("T1", "tag:challenge", Pointer(7), _clock.GetUtcNow());
        copies.Read("T1", "tag:challenge", null, _clock.GetUtcNow());
        Assert.Null(copies.Recent("T1", "tag:challenge"));

        copies.Read("T1", "tag:challenge", Pointer(8), _clock.GetUtcNow());
        Assert.Equal("\"etag-8\"", copies.Recent("T1", "tag:challenge")!.ETag);
        copies.Forget("T1", "tag:challenge");
        Assert.Null(copies.Recent("T1", "tag:challenge"));
    }

    [Fact]
    public void At_the_cap_the_copies_start_again()
    {
        var copies = new TrendPointerCopies(_clock);
        for (var i = 0; i < TrendPointerCopies.MaxCopies; i++)
            copies.Read("T1", "tag:k" + i, Pointer(i + 1), _clock.GetUtcNow());
        Assert.NotNull(copies.Recent("T1", "tag:k0"));

        copies.Read("T1", "tag:one-more", Pointer(1), _clock.GetUtcNow());

        Assert.Null(copies.Recent("T1", "tag:k0"));
        Assert.NotNull(copies.Recent("T1", "tag:one-more"));
    }
}
