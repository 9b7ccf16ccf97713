using IncidentBot.Dialogs;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Storage.Embedded;
using IncidentBot.Teams;
using IncidentBot.Teams.Conversations;
using IncidentBot.Teams.Inbound;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using Severity = IncidentBot.Dialogs.Incidents.Severity;

namespace IncidentBot.Tests.Teams;

/// <summary>The activity handler driven by Bot Builder's <see cref="TestAdapter"/>: what it replies, what it keeps.</summary>
public sealed class TeamsBotTests : IAsyncLifetime
{
    private const string Tenant = TeamsIncident.Tenant;
    private const string BotId = "28:0b07b075-0000-4000-8000-0000000000b0";
    private const string AliceTeamsId = "29:1AliceQx7-teams";
    private const string AliceAad = TeamsIncident.Reporter;
    private const string ServiceUrl = "http://127.0.0.1:9/";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 11, 25, 13, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:TenantId"] = Tenant,
            ["Teams:IncidentsChannelId"] = "19:incidents5e91d0@thread.tacv2",
            ["Teams:ServiceUrl"] = ServiceUrl,
        }).Build();
        var store = new SqliteDocumentStore(Path.Combine(_directory, "bot.db"), _clock, NullLogger<SqliteDocumentStore>.Instance);
        await store.InitializeAsync(default);
        var environment = new HostingEnvironment { EnvironmentName = Environments.Production };
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(environment)
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IDocumentStore>(store)
            .AddSingleton<IJobScheduler, NoJobs>();
        services.AddIncidentDialogs().AddTeams(configuration, environment);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private TeamsBot Bot => _services.GetRequiredService<TeamsBot>();

    private IncidentStore Incidents => _services.GetRequiredService<IncidentStore>();

    [Fact]
    public async Task A_personal_message_is_a_command_and_the_answer_is_an_adaptive_card()
    {
        var adapter = Personal();

        await adapter.ProcessActivityAsync(Message("declare sev2 Spam wave --market NP"), Bot.OnTurnAsync, default);

        var reply = Next(adapter);
        var attachment = Assert.Single(reply.Attachments);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Contains("INC-1", attachment.Content.ToString(), StringComparison.Ordinal);
        Assert.Contains("INC-1", reply.Summary, StringComparison.Ordinal);
        var incident = (await Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value;
        Assert.Equal(PlatformId.Teams, incident.Platform);
        Assert.Equal(new UserId(AliceAad), incident.Reporter);
        Assert.Equal(new ChannelId("a:alice-chat"), incident.OriginChannel);
    }

    [Fact]
    public async Task Help_shows_each_command_on_its_own_line_with_its_placeholders_as_text()
    {
        var adapter = Personal();

        await adapter.ProcessActivityAsync(Message("help"), Bot.OnTurnAsync, default);

        var card = JObject.FromObject(Assert.Single(Next(adapter).Attachments).Content);
        var text = string.Join("\n\n", card.SelectTokens("$..[?(@.type == 'TextBlock')].text").Select(t => (string)t!));
        Assert.Contains("\n- `@IncidentBot declare [sev1-4] <title>", text, StringComparison.Ordinal);
        Assert.Contains("\n- `@IncidentBot list", text, StringComparison.Ordinal);
        Assert.DoesNotContain("](title)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`\n•", text, StringComparison.Ordinal);
        Assert.Contains("**In an incident channel**", text, StringComparison.Ordinal);
        Assert.Contains("\n\n**In an incident channel**", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_activity_delivered_twice_is_answered_once()
    {
        // A TestAdapter numbers activities from 0: a second adapter redelivers activity "0".
        var first = Personal();
        var retry = Personal();

        await first.ProcessActivityAsync(Message("declare Spam wave"), Bot.OnTurnAsync, default);
        await retry.ProcessActivityAsync(Message("declare Spam wave"), Bot.OnTurnAsync, default);

        Assert.NotNull(Next(first));
        Assert.Null(retry.GetNextReply());
        Assert.Null(await Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(2), default));
    }

    [Fact]
    public async Task Installing_the_app_keeps_the_personal_chat_and_says_hello()
    {
        var adapter = Personal();
        var install = new Activity(ActivityTypes.ConversationUpdate)
        {
            From = new ChannelAccount(AliceTeamsId, "Alice Okafor", aadObjectId: AliceAad),
            MembersAdded = [new ChannelAccount(BotId), new ChannelAccount(AliceTeamsId, aadObjectId: AliceAad)],
        };

        await adapter.ProcessActivityAsync(install, Bot.OnTurnAsync, default);

        Assert.Contains("I'm IncidentBot", Next(adapter).Attachments[0].Content.ToString(), StringComparison.Ordinal);
        var person = await _services.GetRequiredService<TeamsDirectory>().FindPersonAsync(new WorkspaceId(Tenant), AliceAad, default);
        Assert.Equal("a:alice-chat", person!.PersonalConversationId);
        Assert.Equal(AliceTeamsId, person.TeamsUserId);
        Assert.Equal(ServiceUrl, person.ServiceUrl);
    }

    [Fact]
    public async Task Removing_the_app_forgets_the_personal_chat_but_not_the_person()
    {
        var adapter = Personal();
        await adapter.ProcessActivityAsync(Message("help"), Bot.OnTurnAsync, default);
        var uninstall = new Activity(ActivityTypes.InstallationUpdate)
        {
            Action = "remove",
            From = new ChannelAccount(AliceTeamsId, "Alice Okafor", aadObjectId: AliceAad),
        };

        await adapter.ProcessActivityAsync(uninstall, Bot.OnTurnAsync, default);

        var person = await _services.GetRequiredService<TeamsDirectory>().FindPersonAsync(new WorkspaceId(Tenant), AliceAad, default);
        Assert.NotNull(person);
        Assert.Null(person.PersonalConversationId);
    }

    [Fact]
    public async Task A_card_press_is_answered_in_the_invoke_response()
    {
        var adapter = Personal();
        var invoke = new Activity(ActivityTypes.Invoke)
        {
            Name = "adaptiveCard/action",
            From = new ChannelAccount(AliceTeamsId, "Alice Okafor", aadObjectId: AliceAad),
            Value = JObject.FromObject(new
            {
                action = new { type = "Action.Execute", verb = "incident.declare", data = new { formId = "f-1", title = "Deepfake of a candidate", severity = "sev1" } },
                trigger = "manual",
            }),
        };

        await adapter.ProcessActivityAsync(invoke, Bot.OnTurnAsync, default);

        var response = Next(adapter);
        Assert.Equal(ActivityTypesEx.InvokeResponse, response.Type);
        var body = Assert.IsType<AdaptiveCardInvokeResponse>(((InvokeResponse)response.Value).Body);
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.Type);
        Assert.Contains("Incident declared", body.Value.ToString(), StringComparison.Ordinal);
        Assert.Equal(Severity.Sev1, (await Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value.Severity);
    }

    [Fact]
    public async Task A_dialog_left_unanswered_expires()
    {
        var adapter = Personal();
        await adapter.ProcessActivityAsync(Message("declare"), Bot.OnTurnAsync, default);
        Assert.Contains("What is the incident's title?", Next(adapter).Attachments[0].Content.ToString(), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(11));
        await adapter.ProcessActivityAsync(Message("Violent extremist video"), Bot.OnTurnAsync, default);

        Assert.Contains("I stopped waiting", Next(adapter).Attachments[0].Content.ToString(), StringComparison.Ordinal);
        Assert.Null(await Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default));
    }

    [Fact]
    public async Task Mentions_become_neutral_references_and_the_bots_own_mention_disappears()
    {
        var directory = _services.GetRequiredService<TeamsDirectory>();
        await directory.RememberPersonAsync(new WorkspaceId(Tenant), new TeamsPerson
        {
            WorkspaceId = Tenant, AadObjectId = "b0b00000-0000-4000-8000-000000000002", TeamsUserId = "29:1BobZr4-teams", ServiceUrl = ServiceUrl,
        }, default);
        var adapter = new TestAdapter(Reference("19:general7f3a2c@thread.tacv2;messageid=1", personal: false));
        var activity = Message("<at>IncidentBot</at> INC-1 lead <at>Bob Shrestha</at> &amp; <at>Nobody</at>");
        activity.ApplyConversationReference(adapter.Conversation, isIncoming: true);
        activity.Entities =
        [
            MentionOf(BotId, "IncidentBot"),
            MentionOf("29:1BobZr4-teams", "Bob Shrestha"),
        ];
        using var turn = new TurnContext(adapter, activity);

        var text = await _services.GetRequiredService<TeamsMentions>().NormalizeAsync(turn, TeamsTurn.From(activity)!, default);

        Assert.Equal("INC-1 lead <@b0b00000-0000-4000-8000-000000000002|Bob Shrestha> &amp; @Nobody", text);
    }

    private static Mention MentionOf(string id, string name) =>
        new Mention(new ChannelAccount(id, name), $"<at>{name}</at>");

    private static Activity Next(TestAdapter adapter) =>
        (Activity)(adapter.GetNextReply() ?? throw new InvalidOperationException("The bot sent no reply."));

    private static TestAdapter Personal() => new(Reference("a:alice-chat", personal: true));

    private static ConversationReference Reference(string conversation, bool personal) => new()
    {
        ChannelId = Channels.Msteams,
        ServiceUrl = ServiceUrl,
        Conversation = new ConversationAccount(isGroup: !personal, conversationType: personal ? "personal" : "channel", id: conversation, tenantId: Tenant),
        User = new ChannelAccount(AliceTeamsId, "Alice Okafor", aadObjectId: AliceAad),
        Bot = new ChannelAccount(BotId, "IncidentBot"),
    };

    private static Activity Message(string text) => new(ActivityTypes.Message)
    {
        Text = text,
        From = new ChannelAccount(AliceTeamsId, "Alice Okafor", aadObjectId: AliceAad),
    };

    private sealed class NoJobs : IJobScheduler
    {
        public Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
