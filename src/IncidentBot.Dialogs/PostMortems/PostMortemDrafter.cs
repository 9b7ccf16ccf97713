using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>Gathers an incident's record, timeline, clocks, action items and people, and renders the draft.</summary>
public sealed class PostMortemDrafter(
    IncidentStore incidents,
    ClockStore clocks,
    ActionItemStore items,
    IDocumentStore documents,
    UserDirectory users,
    IncidentRules rules,
    TimeProvider clock)
{
    /// <summary>Profiles looked up for names; past this, people show as their id (the directory is rate-limited).</summary>
    public const int MaxNameLookups = 50;

    public async Task<PostMortemRecord> GatherAsync(Incident incident, bool redact, CancellationToken cancellationToken)
    {
        var timeline = new List<TimelineEvent>();
        await foreach (var e in incidents.TimelineAsync(incident.WorkspaceId, incident.Key, cancellationToken))
            timeline.Add(e);
        var clockList = await clocks.ListAsync(incident.Workspace(), incident.Key, cancellationToken);
        var actionItems = await items.ListAsync(incident.Workspace(), incident.Key, cancellationToken);
        var postMortem = await documents.ReadAsync<PostMortem>(incident.WorkspaceId, PostMortem.IdFor(incident.Number), cancellationToken);
        var workspace = incident.Workspace();

        var names = new Dictionary<UserId, string>();
        if (!redact)
        {
            var people = incident.Roles.Holders().Prepend(incident.Reporter).Concat(incident.Participants)
                .Concat(actionItems.Select(i => i.Owner))
                .Concat(postMortem is null ? [] : [postMortem.Value.Owner])
                .Concat(timeline.Select(e => e.Actor).OfType<UserId>())
                .Distinct()
                .Take(MaxNameLookups);
            foreach (var person in people)
            {
                if (await users.GetAsync(incident.Platform, workspace, person, cancellationToken) is { DisplayName: { Length: > 0 } name })
                    names[person] = name;
            }
        }
        var leadZone = await users.TimeZoneOfAsync(incident.Platform, workspace, incident.Roles.Lead ?? incident.Reporter, rules.Calendar.DefaultZone, cancellationToken);
        var record = new PostMortemRecord
        {
            Incident = incident,
            Timeline = timeline,
            Clocks = [.. clockList.Select(c => c.Value)],
            ActionItems = actionItems,
            PostMortem = postMortem?.Value,
            Names = names,
            LeadZone = leadZone,
            GeneratedAt = clock.GetUtcNow(),
        };
        return redact ? RestrictedRedaction.Redact(record) : record;
    }

    public async Task<string> DraftAsync(Incident incident, bool redact, CancellationToken cancellationToken) =>
        PostMortemMarkdown.Render(await GatherAsync(incident, redact, cancellationToken));

    public static string FileName(Incident incident) => $"{incident.Key.Key}-postmortem-draft.md";
}
