using System.Security.Cryptography;
using System.Text.Json;
using IncidentBot.Testing.Builders;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Tests.Channels;

/// <summary>
/// A channel's state keeps the hash of the summary last posted, and a sync updates the pinned summary only when the hash
/// changes: hashes stored before must still match the same summary, however the hash is computed.
/// </summary>
public sealed class SummaryHashTests
{
    [Fact]
    public void The_hash_is_the_first_half_of_the_SHA_256_of_the_messages_stored_JSON()
    {
        var summary = IncidentMessages.Summary(new IncidentBuilder().Build(), [new ContextBlock(RichText.Text("⏱ Next update due in 30m"))]);

        Assert.Equal(AsFirstStored(summary), ChannelSyncWork.Hash(summary));
    }

    [Fact]
    public void A_summary_larger_than_the_kept_buffer_hashes_the_same_and_the_next_one_still_does()
    {
        var large = IncidentMessages.Summary(new IncidentBuilder().Build() with { Description = new string('घ', 40_000) }, []);
        var small = IncidentMessages.Summary(new IncidentBuilder().Build(), []);

        Assert.Equal(AsFirstStored(large), ChannelSyncWork.Hash(large));
        Assert.Equal(AsFirstStored(small), ChannelSyncWork.Hash(small));
        Assert.NotEqual(ChannelSyncWork.Hash(large), ChannelSyncWork.Hash(small));
    }

    // The form of the first stored hashes, written out as it was.
    private static string AsFirstStored(ChatMessage message) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(message, DocumentJson.Options))[..16]);
}
