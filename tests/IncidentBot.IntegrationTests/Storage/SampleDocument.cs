using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>A document with one property of every JSON kind the stores must filter and order on.</summary>
internal sealed record SampleDocument : IDocument
{
    public const string DocumentType = "sample";

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
