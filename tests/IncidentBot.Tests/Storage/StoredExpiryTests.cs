using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Storage;

namespace IncidentBot.Tests.Storage;

public sealed class StoredExpiryTests
{
    private static DeliveryClaim Claim(TimeSpan expiresAfter) => new()
    {
        Id = "delivery-1",
        WorkspaceId = "T0WORKSPACE",
        SeenAt = DateTimeOffset.UnixEpoch,
        ExpiresAfter = expiresAfter,
    };

    private static JsonObject Stored(IDocument document, bool keepForever = false) =>
        JsonNode.Parse(StoredExpiry.AddTo(JsonSerializer.SerializeToUtf8Bytes(document, document.GetType(), DocumentJson.Options), document, keepForever))!.AsObject();

    [Fact]
    public void The_domain_document_itself_carries_no_ttl()
    {
        var json = JsonSerializer.SerializeToNode(Claim(TimeSpan.FromMinutes(5)), DocumentJson.Options)!.AsObject();

        Assert.False(json.ContainsKey("ttl"));
        Assert.False(json.ContainsKey("expiresAfter"));
    }

    [Fact]
    public void An_expiring_document_is_stored_with_ttl_in_whole_seconds_rounded_up()
    {
        Assert.Equal(91, (int)Stored(Claim(TimeSpan.FromSeconds(90.2)))["ttl"]!);
    }

    [Fact]
    public void A_kept_document_is_stored_with_ttl_minus_one()
    {
        Assert.Equal(-1, (int)Stored(Claim(TimeSpan.FromMinutes(5)), keepForever: true)["ttl"]!);
        Assert.Equal(-1, (int)Stored(Claim(Timeout.InfiniteTimeSpan))["ttl"]!);
    }

    [Fact]
    public void A_document_that_does_not_expire_is_stored_as_serialised()
    {
        var registry = new KnownWorkspace { Id = "T0WORKSPACE", FirstSeenAt = DateTimeOffset.UnixEpoch };

        Assert.Equal(JsonSerializer.Serialize(registry, DocumentJson.Options), Encoding.UTF8.GetString(StoredExpiry.AddTo(JsonSerializer.SerializeToUtf8Bytes(registry, DocumentJson.Options), registry, keepForever: false)));
    }

    [Fact]
    public void A_stored_body_with_ttl_reads_back_as_the_document()
    {
        var read = JsonSerializer.Deserialize<DeliveryClaim>(Stored(Claim(TimeSpan.FromMinutes(5))), DocumentJson.Options)!;

        Assert.Equal(("delivery-1", "T0WORKSPACE"), (read.Id, read.WorkspaceId));
    }
}
