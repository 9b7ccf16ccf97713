using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>A document with one property of every JSON kind the stores must filter and order on.</summary>
internal sealed record SampleDocument : IDocument
{
    public const string DocumentType = "sample";

    public static class Paths
    {
        public static readonly DocumentPath Name = DocumentPath.Of<SampleDocument>(nameof(SampleDocument.Name));
        public static readonly DocumentPath Rank = DocumentPath.Of<SampleDocument>(nameof(SampleDocument.Rank));
        public static readonly DocumentPath IsActive = DocumentPath.Of<SampleDocument>(nameof(SampleDocument.IsActive));
        public static readonly DocumentPath Severity = DocumentPath.Of<SampleDocument>(nameof(SampleDocument.Severity));
        public static readonly DocumentPath DueAt = DocumentPath.Of<SampleDocument>(nameof(SampleDocument.DueAt));
        public static readonly DocumentPath Tags = DocumentPath.Of<SampleDocument>(nameof(SampleDocument.Tags));
        public static readonly DocumentPath Owner = DocumentPath.Of<SampleDocument>(nameof(SampleDocument.Owner));
        public static readonly DocumentPath RolesLead = DocumentPath.Of<SampleDocument>(nameof(SampleDocument.Roles)).Then(nameof(IncidentRoles.Lead));
    }

    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public string Name { get; init; } = "";

    public int Rank { get; init; }

    public bool IsActive { get; init; }

    public Severity Severity { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public UserId? Owner { get; init; }

    public IncidentRoles Roles { get; init; } = new();

    public string? Text { get; init; }
}
