using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// Pages one person as a stored page with buttons: acknowledged like any page, paged again
/// once if unanswered, then reported in the fallback channel if one is configured.
/// </summary>
public sealed class StoredPersonPager(Pager pager, IOnCallConfigSource config) : IPersonPager
{
    public async Task PagePersonAsync(Incident incident, UserId person, string reason, string dedupeKey, CancellationToken cancellationToken)
    {
        var policy = new EscalationPolicy(
            "person-" + Page.SafeId(dedupeKey),
            "Page of " + person.Mention,
            [new EscalationStep(StepTarget.Person(person.Value), OnCallConfig.DefaultWait)],
            Repeats: 1,
            config.Current?.FallbackChannel);
        await pager.StartAsync(incident, policy, reason, null, cancellationToken);
    }
}
