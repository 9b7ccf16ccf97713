using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Tests.Teams;

/// <summary>A Teams incident with sensible defaults, for rendering tests.</summary>
public sealed class TeamsIncidentBuilder
{
    public const string Tenant = "5f0c3b8e-2d41-4a7a-9c55-0e1a7b2d9c10";
    public const string Reporter = "a11ce000-0000-4000-8000-000000000001";
    public const string Thread = "19:incidents5e91d0@thread.tacv2;messageid=1764100000100";

    private static readonly DateTimeOffset At = new(2025, 11, 25, 13, 0, 0, TimeSpan.Zero);
    private bool _isRestricted;
    private string _title = "Removal order for a video";

    public TeamsIncidentBuilder Restricted()
    {
        _isRestricted = true;
        return this;
    }

    public TeamsIncidentBuilder WithTitle(string title)
    {
        _title = title;
        return this;
    }

    public Incident Build() => new()
    {
        WorkspaceId = Tenant,
        Platform = PlatformId.Teams,
        Number = 7,
        Title = _title,
        Description = "Regulator asks for removal within *one hour* <https://example.org/order|the order>",
        Severity = Severity.Sev1,
        Status = IncidentStatus.Investigating,
        Source = IncidentSource.Regulator,
        Markets = ["NP"],
        Languages = ["ne"],
        IsRestricted = _isRestricted,
        Reporter = new UserId(Reporter),
        Channel = new ChannelId(Thread),
        DeclaredAt = At,
        AcknowledgedAt = At.AddMinutes(4),
        UpdatedAt = At.AddMinutes(5),
        Version = 3,
    };
}
