using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>An expiring document, like a declare receipt.</summary>
internal sealed record SampleReceipt : IExpiringDocument
{
    public const string DocumentType = "sample-receipt";

    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    [JsonIgnore]
    public TimeSpan ExpiresAfter { get; init; } = TimeSpan.FromSeconds(60);

    public string Note { get; init; } = "";
}
