using System.Text.Json;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Tests.Platform;

public sealed class PlatformIdTests
{
    private sealed record Holder(PlatformId Platform);

    [Fact]
    public void A_platform_is_stored_as_its_plain_name_so_documents_do_not_change()
    {
        var json = JsonSerializer.Serialize(new Holder(PlatformId.Teams), DocumentJson.Options);

        Assert.Equal("""{"platform":"teams"}""", json);
    }

    [Fact]
    public void A_stored_name_reads_back_as_the_platform()
    {
        var holder = JsonSerializer.Deserialize<Holder>("""{"platform":"slack"}""", DocumentJson.Options);

        Assert.Equal(PlatformId.Slack, holder!.Platform);
    }
}
