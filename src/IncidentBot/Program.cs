using IncidentBot.Api;
using IncidentBot.Dialogs;
using IncidentBot.Evidence;
using IncidentBot.Health;
using IncidentBot.Jobs;
using IncidentBot.OnCall;
using IncidentBot.Policies;
using IncidentBot.Retention;
using IncidentBot.Slack;
using IncidentBot.Slack.Inbound;
using IncidentBot.Storage;
using IncidentBot.Storage.Spool;
using IncidentBot.Teams;

if (VerifyEvidenceCommand.IsInvoked(args))
    return await VerifyEvidenceCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddProblemDetails()
    .AddIncidentDialogs()
    .AddRetentionOptions()
    .AddPolicies()
    .AddIncidentStorage(builder.Configuration)
    .AddJobs()
    .AddDeclarationSpool()
    .AddSlack()
    .AddOnCall()
    .AddTeams()
    .AddIncidentApi()
    .AddHealth();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseJobsAfterAnswers();
app.MapHealth();
app.MapSlackEndpoints();
app.MapTeamsEndpoints();
app.MapIncidentsApi();
app.MapEvidenceApi();
app.MapWorkApi();
app.Run();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
