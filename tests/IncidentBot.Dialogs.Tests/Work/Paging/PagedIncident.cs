using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Paging;

/// <summary>An open incident whose on-call person has just been paged (one step, five minutes' wait, one repeat).</summary>
internal static class PagedIncident
{
    public static readonly UserId OnCall = new("U0ONCALL");

    public static async Task<Page> ArrangeAsync(DialogsHost host)
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.Sev1).WithChannel(new ChannelId("C0INCIDENT")).WithStatus(IncidentStatus.Investigating).Build();
        await host.Documents.CreateAsync(incident, CancellationToken.None);
        await host.Get<IPersonPager>().PagePersonAsync(incident, OnCall, "Removal order due within the hour", "test-page", CancellationToken.None);
        return Assert.Single(await PagesAsync(host, incident.WorkspaceId));
    }

    public static async Task<IReadOnlyList<Page>> PagesAsync(DialogsHost host, string workspaceId)
    {
        var pages = new List<Page>();
        await foreach (var page in host.Documents.QueryAsync<Page>(new DocumentQuery(workspaceId, Page.DocumentType), CancellationToken.None))
            pages.Add(page.Value);
        return pages;
    }
}
