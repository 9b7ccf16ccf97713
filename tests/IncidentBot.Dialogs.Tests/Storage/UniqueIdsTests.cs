using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Tests.Storage;

public sealed class UniqueIdsTests
{
    [Fact]
    public async Task Ids_made_on_several_threads_at_once_never_repeat()
    {
        const int PerThread = 20_000;
        var made = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var ids = new Guid[PerThread];
            for (var i = 0; i < ids.Length; i++)
                ids[i] = UniqueIds.Next();
            return ids;
        })));

        Assert.Equal(4 * PerThread, made.SelectMany(ids => ids).Distinct().Count());
    }

    [Fact]
    public void Consecutive_ids_share_the_process_half_and_differ_in_their_leading_digits()
    {
        var first = UniqueIds.NextHex();
        var second = UniqueIds.NextHex();

        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.NotEqual(first, second);
        Assert.Equal(first[16..], second[16..]);
        Assert.NotEqual(first[..16], second[..16]);
    }
}
