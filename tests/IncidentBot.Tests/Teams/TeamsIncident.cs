using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Tests.Teams;

/// <summary>The Teams incident the rendering tests and their golden files show: a regulator's removal order, INC-7, SEV1, investigating.</summary>
public static class TeamsIncident
{
    public const string Tenant = TeamsActivities.Tenant;

    /// <summary>Alice's AAD object id (<see cref="TeamsActivities.Alice"/>).</summary>
    public const string Reporter = "a11ce000-0000-4000-8000-000000000001";

    public const string Thread = TeamsActivities.IncidentsChannel + ";messageid=1764100000100";

    private static readonly DateTimeOffset At = new(2025, 11, 25, 13, 0, 0, TimeSpan.Zero);

    public static IncidentBuilder RemovalOrder() => new IncidentBuilder()
        .OnPlatform(PlatformId.Teams)
        .InWorkspace(Tenant)
        .WithNumber(7)
        .WithTitle("Removal order for a video")
        .WithDescription("Regulator asks for removal within *one hour* <https://example.org/order|the order>")
        .WithSeverity(Severity.Sev1)
        .WithSource(IncidentSource.Regulator)
        .WithMarkets("NP")
        .WithLanguages("ne")
        .WithReporter(new UserId(Reporter))
        .WithChannel(new ChannelId(Thread))
        .DeclaredAt(At)
        .WithStatus(IncidentStatus.Investigating)
        .AcknowledgedAt(At.AddMinutes(4))
        .UpdatedAt(At.AddMinutes(5))
        .WithVersion(3);
}
