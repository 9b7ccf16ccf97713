using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.EndToEndTests.Dashboard;

/// <summary>
/// The bot on Kestrel at 127.0.0.1 with an embedded store in a temporary folder and one API key,
/// holding one Slack workspace with open, restricted and older incidents (times relative to now).
/// </summary>
public sealed class DashboardBot : WebApplicationFactory<Program>
{
    public const string ApiKey = "dashboard-e2e-key-0123456789";
    public const string Workspace = "T0DASHBOARD";
    public const string RestrictedTitle = "Minor's personal data in a leaked chat";
    public const string OpenTitle = "Coordinated hate speech in Nepali, \"viral\" clips";

    private readonly string _directory;

    public DashboardBot(string directory)
    {
        _directory = directory;
        UseKestrel(0);
    }

    public Uri Address { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(a => new Uri(a))
            .First(a => a.Host is "127.0.0.1" or "localhost");
        Address = new Uri($"http://127.0.0.1:{address.Port}/");
    }

    public async Task SeedAsync()
    {
        var store = Services.GetRequiredService<IDocumentStore>();
        await Services.GetRequiredService<WorkspaceRegistry>().EnsureAsync(new WorkspaceId(Workspace), PlatformId.Slack, default);
        var now = DateTimeOffset.UtcNow;
        await store.UpsertAsync(Incident(1, OpenTitle, Severity.Sev1, IncidentSource.Regulator, ["NP"], now.AddDays(-2)) with
        {
            Status = IncidentStatus.Investigating,
            AcknowledgedAt = now.AddDays(-2).AddMinutes(4),
            ReportCount = 5,
        }, default);
        await store.UpsertAsync(new Clock
        {
            WorkspaceId = Workspace, IncidentNumber = 1, Name = "in-takedown-order", Window = TimeSpan.FromHours(72),
            StartedAt = now.AddDays(-2), RecordedAt = now.AddDays(-2),
        }, default);
        await store.UpsertAsync(Incident(2, RestrictedTitle, Severity.Sev2, IncidentSource.UserReport, ["IN"], now.AddDays(-1)) with
        {
            Status = IncidentStatus.Declared,
            IsRestricted = true,
            Description = "names and school",
        }, default);
        await store.UpsertAsync(Incident(3, "Trending challenge with self-harm risk", Severity.Sev2, IncidentSource.Trending, ["IN", "NP"], now.AddDays(-10)) with
        {
            Status = IncidentStatus.Resolved,
            AcknowledgedAt = now.AddDays(-10).AddMinutes(20),
            MitigatedAt = now.AddDays(-10).AddHours(2),
            ResolvedAt = now.AddDays(-9),
        }, default);
        await store.UpsertAsync(Incident(4, "Partner escalation about scam ads", Severity.Sev3, IncidentSource.Partner, ["AU"], now.AddDays(-40)) with
        {
            Status = IncidentStatus.Closed,
            AcknowledgedAt = now.AddDays(-40).AddHours(1),
            ResolvedAt = now.AddDays(-39),
            ClosedAt = now.AddDays(-38),
        }, default);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:Path", Path.Combine(_directory, "bot.db"));
        builder.UseSetting("Spool:Path", Path.Combine(_directory, "pending-declares.db"));
        builder.UseSetting("Spool:Path", Path.Combine(_directory, "spool.db"));
        builder.UseSetting("Api:Keys:0", ApiKey);
    }

    private static Incident Incident(int number, string title, Severity severity, IncidentSource source, string[] markets, DateTimeOffset declared) => new()
    {
        WorkspaceId = Workspace,
        Platform = PlatformId.Slack,
        Number = number,
        Title = title,
        Severity = severity,
        Status = IncidentStatus.Declared,
        Source = source,
        Markets = markets,
        Languages = ["ne"],
        Reporter = new UserId("U0REPORTER"),
        DeclaredAt = declared,
        UpdatedAt = declared,
        Version = 1,
    };
}
