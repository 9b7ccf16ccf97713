using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.Tests.Paging;

/// <summary>
/// A page's two timers: deliver now, escalate after the step's wait. The delivery may run the moment its job is
/// scheduled, find nobody reachable and ask to escalate now; the start that scheduled it must not then put the
/// escalation back to the step's wait (a job thread that runs first did exactly that in a full test run under load).
/// </summary>
public sealed class PagerScheduleTests : IAsyncLifetime
{
    private readonly DialogsHost _host;
    private readonly DeliveryThatEscalatesAtOnce _jobs = new();

    public PagerScheduleTests()
    {
        _host = new DialogsHost(services => services.AddSingleton<IJobScheduler>(provider =>
        {
            _jobs.Work = () => provider.GetRequiredService<WorkQueue>();
            return _jobs;
        }));
    }

    [Fact]
    public async Task A_delivery_that_escalates_at_once_is_not_put_back_to_the_step_s_wait()
    {
        var incident = new IncidentBuilder().WithNumber(7).Build();
        var policy = new EscalationPolicy("tns-incident", "T&S incident", [new EscalationStep(StepTarget.OnCall("tns-primary"), TimeSpan.FromMinutes(5))], 0, null);

        var (page, _) = await _host.Get<Pager>().StartAsync(incident, policy, null, null, CancellationToken.None);

        Assert.True(_jobs.Delivered, "the delivery ran as soon as it was scheduled");
        var escalation = await _host.Get<WorkQueue>().FindAsync(new WorkspaceId(incident.WorkspaceId), PagingWork.Escalate, page.Id, CancellationToken.None);
        Assert.Equal(_host.Clock.GetUtcNow(), escalation?.DueAt);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    /// <summary>Schedules nothing; the moment a page's delivery is scheduled, does what a delivery that reaches nobody does.</summary>
    private sealed class DeliveryThatEscalatesAtOnce : IJobScheduler
    {
        private static readonly string DeliveryPrefix = WorkItem.IdFor(PagingWork.Deliver, "");

        public Func<WorkQueue>? Work { get; set; }

        public bool Delivered { get; private set; }

        public async Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken)
        {
            if (!workItemId.StartsWith(DeliveryPrefix, StringComparison.Ordinal))
                return;
            Delivered = true;
            await Work!().RequestAsync(new WorkspaceId(workspaceId), PagingWork.Escalate, workItemId[DeliveryPrefix.Length..], runAt, cancellationToken);
        }
    }
}
