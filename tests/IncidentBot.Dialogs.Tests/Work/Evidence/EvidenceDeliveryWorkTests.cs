using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.Tests.Work.Evidence;

/// <summary>The package a member asked for with <c>evidence</c>: a direct message quoting the ledger head, then the zip in that conversation.</summary>
public sealed class EvidenceDeliveryWorkTests : IAsyncLifetime
{
    private static readonly UserId Outsider = new("U0OUTSIDER");
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Sends_the_member_an_introduction_then_the_zip_in_that_direct_conversation()
    {
        var request = await ArrangeAsync(IncidentBuilder.DefaultReporter);

        var outcome = await RunAsync(request);

        Assert.Null(outcome.RunAgainAt);
        Assert.Collection(_host.Chat.Calls,
            intro =>
            {
                Assert.Equal(nameof(IChatPlatform.SendDirectAsync), intro.Method);
                Assert.Equal(IncidentBuilder.DefaultReporter, intro.User);
                Assert.Contains(LedgerHash.Genesis, intro.Content, StringComparison.Ordinal); // no entries yet: the genesis head
            },
            upload =>
            {
                Assert.Equal(nameof(IChatPlatform.UploadFileAsync), upload.Method);
                Assert.Equal(new ChannelId("D" + IncidentBuilder.DefaultReporter.Value), upload.Channel);
                Assert.Equal("INC-42-evidence.zip", upload.Text);
            });
        var read = Assert.Single(await _host.Get<AuditLog>().ReadAllAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(AuditRecord.RestrictedRead, read.Kind);
        Assert.Equal("slack:" + IncidentBuilder.DefaultReporter.Value, read.Actor);
    }

    [Fact]
    public async Task Running_twice_or_an_hour_late_sends_it_once()
    {
        var request = await ArrangeAsync(IncidentBuilder.DefaultReporter);
        _host.Clock.Advance(TimeSpan.FromHours(1));

        await RunAsync(request);
        await RunAsync(request);

        Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.UploadFileAsync));
    }

    [Fact]
    public async Task Someone_no_longer_a_member_when_it_runs_is_told_so_and_gets_no_file()
    {
        var request = await ArrangeAsync(Outsider);

        await RunAsync(request);

        var told = Assert.Single(_host.Chat.Calls);
        Assert.Equal(nameof(IChatPlatform.SendDirectAsync), told.Method);
        Assert.Contains("only its members can get its evidence package", told.Content, StringComparison.Ordinal);
        Assert.Empty(await _host.Get<AuditLog>().ReadAllAsync(CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task The_zip_is_uploaded_from_a_temporary_file_that_is_gone_once_it_is_sent()
    {
        var request = await ArrangeAsync(IncidentBuilder.DefaultReporter);

        await RunAsync(request);

        var upload = Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.UploadFileAsync));
        Assert.NotNull(upload.FilePath);
        Assert.False(File.Exists(upload.FilePath), "The temporary zip outlived the upload.");
        using var zip = new MemoryStream([.. upload.File!]);
        var verified = await EvidenceVerifier.VerifyAsync(zip, CancellationToken.None);
        Assert.True(verified.Valid, string.Join("; ", verified.Problems));
    }

    [Fact]
    public async Task A_package_above_the_chat_limit_is_not_uploaded_and_the_person_is_told_where_to_get_it()
    {
        await using var host = new DialogsHost(services => services.AddSingleton(new EvidenceUploadOptions { MaxChatUploadBytes = 100 }));
        var request = await ArrangeAsync(IncidentBuilder.DefaultReporter, host);

        var outcome = await host.RunAsync<EvidenceDeliveryWork>(new WorkspaceId(request.WorkspaceId), request.Id);

        Assert.Null(outcome.RunAgainAt);
        var told = Assert.Single(host.Chat.Calls);
        Assert.Equal(nameof(IChatPlatform.SendDirectAsync), told.Method);
        Assert.Equal(IncidentBuilder.DefaultReporter, told.User);
        Assert.Contains("too large to send in chat", told.Content, StringComparison.Ordinal);
        Assert.Contains("/api/incidents/42/evidence.zip?workspace=" + request.WorkspaceId, told.Content, StringComparison.Ordinal);
        Assert.Empty(await host.Get<AuditLog>().ReadAllAsync(CancellationToken.None).ToListAsync()); // nothing was served
    }

    private Task<WorkOutcome> RunAsync(EvidenceRequest request) =>
        _host.RunAsync<EvidenceDeliveryWork>(new WorkspaceId(request.WorkspaceId), request.Id);

    private Task<EvidenceRequest> ArrangeAsync(UserId requestedBy) => ArrangeAsync(requestedBy, _host);

    private static async Task<EvidenceRequest> ArrangeAsync(UserId requestedBy, DialogsHost host)
    {
        var incident = new IncidentBuilder().Restricted().Build();
        await host.Documents.CreateAsync(incident, CancellationToken.None);
        var request = new EvidenceRequest
        {
            Id = "evidence-request-1",
            WorkspaceId = incident.WorkspaceId,
            Platform = PlatformId.Slack,
            Number = incident.Number,
            RequestedBy = requestedBy,
            RequestedAt = host.Clock.GetUtcNow(),
        };
        await host.Documents.CreateAsync(request, CancellationToken.None);
        return request;
    }
}
