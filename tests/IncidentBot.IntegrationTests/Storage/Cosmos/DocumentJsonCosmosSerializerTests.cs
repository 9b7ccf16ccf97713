using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.Storage.Cosmos;

namespace IncidentBot.IntegrationTests.Storage.Cosmos;

/// <summary>Whatever the SDK serialises for us has the documents' form, not Newtonsoft's.</summary>
public sealed class DocumentJsonCosmosSerializerTests
{
    private readonly DocumentJsonCosmosSerializer _serializer = new();

    [Fact]
    public void A_document_serialises_to_the_same_bytes_as_the_stores_write()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.Sev1).WithMarkets("NP").Build();

        using var stream = _serializer.ToStream(incident);
        using var reader = new StreamReader(stream);

        Assert.Equal(JsonSerializer.Serialize(incident, DocumentJson.Options), reader.ReadToEnd());
    }

    [Fact]
    public void A_document_round_trips_with_times_in_utc_text_and_enums_by_name()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.Sev2).Build();

        var read = _serializer.FromStream<Incident>(_serializer.ToStream(incident));

        Assert.Equal((incident.Severity, incident.DeclaredAt, incident.Title), (read.Severity, read.DeclaredAt, read.Title));
    }

    [Fact]
    public void Member_names_are_the_stored_property_names()
    {
        Assert.Equal("id", _serializer.SerializeMemberName(typeof(Incident).GetProperty(nameof(Incident.Id))!));
        Assert.Equal("workspaceId", _serializer.SerializeMemberName(typeof(Incident).GetProperty(nameof(Incident.WorkspaceId))!));
    }

    [Fact]
    public void A_stream_asked_for_as_a_stream_is_handed_over_open()
    {
        var given = new MemoryStream([1, 2, 3]);

        using var returned = _serializer.FromStream<Stream>(given);

        Assert.Same(given, returned);
        Assert.True(returned.CanRead);
    }
}
