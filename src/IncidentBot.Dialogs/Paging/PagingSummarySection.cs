using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Paging;

/// <summary>The pinned summary's "Paging" part: per policy, who is paged or who acknowledged.</summary>
public sealed class PagingSummarySection(PageStore pages) : IIncidentSummarySection
{
    public int Order => 50;

    private static void AddDistinct(Dictionary<string, List<string>> lists, string key, IEnumerable<string> values)
    {
        if (!lists.TryGetValue(key, out var list))
            lists[key] = list = [];
        list.AddRange(values.Except(list));
    }

    public async Task<IReadOnlyList<MessageBlock>> BuildAsync(Incident incident, CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, Page>(StringComparer.Ordinal);
        var unreachable = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var page in pages.ListForIncidentAsync(incident.Workspace(), incident.Number, cancellationToken))
        {
            // The head of a chain is its furthest page: escalating creates the next one.
            if (!heads.TryGetValue(page.EscalationPolicy.Id, out var known) || (page.Attempt, page.Step).CompareTo((known.Attempt, known.Step)) > 0)
                heads[page.EscalationPolicy.Id] = page;
            if (page.Unreachable.Count > 0)
                AddDistinct(unreachable, page.EscalationPolicy.Id, page.Unreachable);
        }
        if (heads.Count == 0)
            return [];
        var lines = heads.Values.OrderBy(p => p.CreatedAt)
            .Select(head => PageMessages.SummaryLine(head, unreachable.GetValueOrDefault(head.EscalationPolicy.Id) ?? []));
        return [new TextBlock(RichText.Of($"{RichText.Bold("Paging")}\n{RichText.Join(RichText.LineBreak, lines)}"))];
    }
}
