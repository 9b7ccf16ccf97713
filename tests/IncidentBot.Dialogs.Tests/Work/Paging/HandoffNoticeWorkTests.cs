using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Tests.Builders;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Fakes;
using IncidentBot.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.Tests.Work.Paging;

/// <summary>The rotation hands over daily at 09:00 UTC (alice, bob, carol); the host's clock starts on a Tuesday at 10:00.</summary>
public sealed class HandoffNoticeWorkTests : IAsyncLifetime
{
    private static readonly WorkspaceId Workspace = new("T0WORKSPACE");
    private static readonly DateTimeOffset NextHandoff = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly Rotation _rotation = new RotationBuilder().Build();
    private readonly DialogsHost _host;

    public HandoffNoticeWorkTests()
    {
        var config = new OnCallConfig { Teams = [new OnCallTeam { Id = "tns", Name = "T&S", Rotations = [_rotation] }] };
        _host = new DialogsHost(services => services.AddSingleton<IOnCallConfigSource>(new FixedOnCallConfig(config)));
        foreach (var (person, id) in new[] { (RotationBuilder.Alice, "U0ALICE"), (RotationBuilder.Bob, "U0BOB"), (RotationBuilder.Carol, "U0CAROL") })
            _host.Chat.AddUser(new ChatUser(new UserId(id), id, "UTC", IsBot: false) { Email = person.Email });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task The_first_look_announces_nothing_and_looks_again_within_twelve_hours()
    {
        var outcome = await RunAsync();

        await _host.RunDueWorkAsync(Workspace);
        Assert.Empty(_host.Chat.Messages);
        Assert.Equal(_host.Clock.GetUtcNow() + HandoffNoticeWork.MaxSleep, outcome.RunAgainAt);
    }

    [Fact]
    public async Task Tells_the_incoming_person_once_at_the_handoff()
    {
        await RunAsync();
        _host.Clock.SetUtcNow(NextHandoff);

        var outcome = await RunAsync();
        await _host.RunDueWorkAsync(Workspace);

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Equal(nameof(IChatPlatform.SendDirectAsync), sent.Method);
        Assert.Equal(await OnCallNowAsync(), sent.User);
        Assert.Contains("on call", sent.Content, StringComparison.Ordinal);
        Assert.Equal(NextHandoff + HandoffNoticeWork.MaxSleep, outcome.RunAgainAt);
    }

    [Fact]
    public async Task Running_twice_at_the_handoff_tells_them_once()
    {
        await RunAsync();
        _host.Clock.SetUtcNow(NextHandoff);

        await RunAsync();
        await RunAsync();
        await _host.RunDueWorkAsync(Workspace);

        Assert.Single(_host.Chat.Messages);
    }

    [Fact]
    public async Task Running_two_handoffs_late_tells_only_who_is_on_call_now_and_plans_from_now()
    {
        await RunAsync();
        // Wednesday's and Thursday's handoffs missed (a third would bring back Tuesday's person, who needs no notice).
        _host.Clock.SetUtcNow(NextHandoff.AddDays(1).AddHours(3));

        var outcome = await RunAsync();
        await _host.RunDueWorkAsync(Workspace);

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Equal(await OnCallNowAsync(), sent.User);
        Assert.Equal(_host.Clock.GetUtcNow() + HandoffNoticeWork.MaxSleep, outcome.RunAgainAt);
    }

    private Task<WorkOutcome> RunAsync() => _host.RunAsync<HandoffNoticeWork>(Workspace, _rotation.Id);

    private async Task<UserId?> OnCallNowAsync()
    {
        var person = RotationSchedule.PersonAt(_rotation, [], _host.Clock.GetUtcNow());
        return await _host.Chat.FindUserByEmailAsync(Workspace, person!.Email!, CancellationToken.None);
    }
}
