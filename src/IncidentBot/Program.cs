using IncidentBot.Api;
using IncidentBot.Configuration;
using IncidentBot.Dashboard;
using IncidentBot.Demo;
using IncidentBot.Dialogs;
using IncidentBot.Evidence;
using IncidentBot.Health;
using IncidentBot.Intake;
using IncidentBot.Jobs;
using IncidentBot.OnCall;
using IncidentBot.Rules;
using IncidentBot.Retention;
using IncidentBot.Slack;
using IncidentBot.Storage;
using IncidentBot.Storage.Spool;
using IncidentBot.Teams;
using IncidentBot.Trends;
using IncidentBot.Telemetry;

if (VerifyEvidenceCommand.IsInvoked(args))
    return await VerifyEvidenceCommand.RunAsync(args);
if (SeedDemoCommand.IsInvoked(args))
    return await SeedDemoCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(SettingsFilesRegistration.WithoutFileWatcher(args));
builder.PollSettingsFiles();
builder.AddTelemetry();
builder.Services
    .AddProblemDetails()
    .AddIncidentDialogs()
    .AddRetention()
    .AddEvidence()
    .AddIncidentRules()
    .AddIncidentStorage(builder.Configuration)
    .AddJobs()
    .AddDeclarationSpool()
    .AddSlack()
    .AddOnCall()
    .AddTeams(builder.Configuration, builder.Environment)
    .AddIncidentsApi()
    .AddTrends()
    .AddDashboard(builder.Configuration)
    .AddIntake()
    .AddHealth();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseJobsAfterAnswers();
app.MapHealth();
app.MapSlack();
app.MapTeams();
app.MapIncidentsApi();
app.MapTrends();
app.MapDashboard();
app.MapEvidence();
app.MapIntake();
app.Run();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
