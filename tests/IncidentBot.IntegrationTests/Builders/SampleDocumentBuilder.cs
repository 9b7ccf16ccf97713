using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Storage;

namespace IncidentBot.IntegrationTests.Builders;

/// <summary>A <see cref="SampleDocument"/> with sensible defaults; say only what the test is about.</summary>
internal sealed class SampleDocumentBuilder(string workspaceId)
{
    public static readonly DateTimeOffset DefaultDueAt = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private string _id = "sample-" + Guid.NewGuid().ToString("N")[..8];
    private string _name = "sample";
    private int _rank;
    private bool _isActive;
    private Severity _severity = Severity.Sev3;
    private DateTimeOffset _dueAt = DefaultDueAt;
    private IReadOnlyList<string> _tags = [];
    private UserId? _owner;
    private IncidentRoles _roles = new();
    private string? _text;

    public SampleDocumentBuilder WithId(string id)
    {
        _id = id;
        return this;
    }

    public SampleDocumentBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public SampleDocumentBuilder WithRank(int rank)
    {
        _rank = rank;
        return this;
    }

    public SampleDocumentBuilder Active(bool isActive = true)
    {
        _isActive = isActive;
        return this;
    }

    public SampleDocumentBuilder WithSeverity(Severity severity)
    {
        _severity = severity;
        return this;
    }

    public SampleDocumentBuilder DueAt(DateTimeOffset dueAt)
    {
        _dueAt = dueAt;
        return this;
    }

    public SampleDocumentBuilder WithTags(params string[] tags)
    {
        _tags = tags;
        return this;
    }

    public SampleDocumentBuilder OwnedBy(string userId)
    {
        _owner = new UserId(userId);
        return this;
    }

    public SampleDocumentBuilder LedBy(string userId)
    {
        _roles = _roles with { Lead = new UserId(userId) };
        return this;
    }

    public SampleDocumentBuilder WithText(string text)
    {
        _text = text;
        return this;
    }

    public SampleDocument Build() => new()
    {
        Id = _id,
        WorkspaceId = workspaceId,
        Name = _name,
        Rank = _rank,
        IsActive = _isActive,
        Severity = _severity,
        DueAt = _dueAt,
        Tags = _tags,
        Owner = _owner,
        Roles = _roles,
        Text = _text,
    };
}
