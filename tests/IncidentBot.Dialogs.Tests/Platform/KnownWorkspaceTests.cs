using System.Text.Json;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Tests.Platform;

public sealed class KnownWorkspaceTests
{
    [Fact]
    public void A_registry_document_written_without_a_platform_reads_as_slack()
    {
        const string old = """{"id":"T1","workspaceId":"_registry","type":"workspace","firstSeenAt":"2025-11-25T13:00:00.0000000Z"}""";

        var known = JsonSerializer.Deserialize<KnownWorkspace>(old, DocumentJson.Options)!;

        Assert.Equal(PlatformId.Slack, known.Platform);
    }

    [Fact]
    public void A_registry_document_keeps_its_platform_as_the_plain_name()
    {
        var known = new KnownWorkspace { Id = "T1", Platform = PlatformId.Teams, FirstSeenAt = DateTimeOffset.UnixEpoch };

        var json = JsonSerializer.SerializeToElement(known, DocumentJson.Options);

        Assert.Equal("teams", json.GetProperty("platform").GetString());
    }
}
