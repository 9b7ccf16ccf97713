using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Fakes;

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

    [Fact]
    public void An_incident_keeps_its_stored_platform_field_a_plain_string()
    {
        var incident = new IncidentBuilder().Build() with { Platform = PlatformId.Teams };

        var json = JsonSerializer.SerializeToNode(incident, DocumentJson.Options)!.AsObject();
        var read = JsonSerializer.Deserialize<Incident>(json, DocumentJson.Options)!;

        Assert.Equal("teams", json["platform"]!.GetValue<string>());
        Assert.Equal(PlatformId.Teams, read.Platform);
    }

    [Fact]
    public void A_platform_is_found_by_its_id_whatever_the_case_it_was_stored_in()
    {
        var slack = new RecordingChatPlatform();
        var platforms = new ChatPlatforms([slack]);

        Assert.Same(slack, platforms.Get(PlatformId.From("Slack")));
        Assert.False(platforms.TryGet(PlatformId.Teams, out _));
    }
}
