using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>A document whose contract names properties with query text: the stores must refuse the paths, not run them.</summary>
internal sealed record HostileDocument : IDocument
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => SampleDocument.DocumentType;

    [JsonPropertyName("name') OR 1=1 --")]
    public string? Injection { get; init; }

    [JsonPropertyName("rank; DROP TABLE documents")]
    public int Statement { get; init; }

    public static class Paths
    {
        public static readonly DocumentPath Injection = DocumentPath.Of<HostileDocument>(nameof(HostileDocument.Injection));
        public static readonly DocumentPath Statement = DocumentPath.Of<HostileDocument>(nameof(HostileDocument.Statement));
    }
}
