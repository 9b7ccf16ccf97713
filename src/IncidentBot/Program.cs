using IncidentBot.Api;
using IncidentBot.Dashboard;
using IncidentBot.Dialogs;
using IncidentBot.Health;
using IncidentBot.Jobs;
using IncidentBot.OnCall;
using IncidentBot.Policies;
using IncidentBot.Slack;
using IncidentBot.Slack.Inbound;
using IncidentBot.Storage;
using IncidentBot.Storage.Spool;
using IncidentBot.Teams;
using IncidentBot.Trends;

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddProblemDetails()
    .AddIncidentDialogs()
    .AddPolicies()
    .AddIncidentStorage(builder.Configuration)
    .AddJobs()
    .AddDeclarationSpool()
    .AddSlack()
    .AddOnCall()
    .AddTeams()
    .AddIncidentApi()
    .AddTrends()
    .AddDashboard(builder.Configuration)
    .AddHealth();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealth();
app.MapSlackEndpoints();
app.MapTeamsEndpoints();
app.MapIncidentsApi();
app.MapTrendsApi();
app.MapDashboard();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
