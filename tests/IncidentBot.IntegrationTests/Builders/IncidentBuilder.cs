using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.IntegrationTests.Builders;

/// <summary>An incident with sensible defaults; say only what the test is about.</summary>
internal sealed class IncidentBuilder
{
    public static readonly DateTimeOffset DefaultDeclaredAt = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private string _workspaceId = "T0TEST";
    private int _number = 1;
    private string _title = "Coordinated spam wave on trending hashtag";
    private Severity _severity = Severity.Sev3;
    private IncidentStatus _status = IncidentStatus.Declared;
    private IncidentSource _source = IncidentSource.Internal;
    private IReadOnlyList<string> _markets = [];
    private IReadOnlyList<string> _languages = [];
    private ChannelId? _channel;
    private DateTimeOffset _declaredAt = DefaultDeclaredAt;

    public IncidentBuilder InWorkspace(string workspaceId)
    {
        _workspaceId = workspaceId;
        return this;
    }

    public IncidentBuilder WithNumber(int number)
    {
        _number = number;
        return this;
    }

    public IncidentBuilder WithTitle(string title)
    {
        _title = title;
        return this;
    }

    public IncidentBuilder WithSeverity(Severity severity)
    {
        _severity = severity;
        return this;
    }

    public IncidentBuilder WithStatus(IncidentStatus status)
    {
        _status = status;
        return this;
    }

    public IncidentBuilder WithSource(IncidentSource source)
    {
        _source = source;
        return this;
    }

    public IncidentBuilder InMarkets(params string[] markets)
    {
        _markets = markets;
        return this;
    }

    public IncidentBuilder InLanguages(params string[] languages)
    {
        _languages = languages;
        return this;
    }

    public IncidentBuilder WithChannel(string channelId)
    {
        _channel = new ChannelId(channelId);
        return this;
    }

    public IncidentBuilder DeclaredAt(DateTimeOffset at)
    {
        _declaredAt = at;
        return this;
    }

    public Incident Build() => new()
    {
        WorkspaceId = _workspaceId,
        Platform = PlatformId.Slack,
        Number = _number,
        Title = _title,
        Severity = _severity,
        Status = _status,
        Source = _source,
        Markets = _markets,
        Languages = _languages,
        Reporter = new UserId("U0REPORTER"),
        Channel = _channel,
        DeclaredAt = _declaredAt,
        UpdatedAt = _declaredAt,
        Version = 1,
    };
}
