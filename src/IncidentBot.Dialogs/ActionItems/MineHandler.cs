using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary>
/// Lists the person's open action items and post-mortems. Two single-partition queries (owner
/// and open, per type); an item of a restricted incident shows its text only to its members.
/// </summary>
public sealed class MineHandler(ActionItemStore items, IncidentStore incidents, IDocumentStore documents) : CommandHandler<MineCommand>
{
    protected override async Task<Result<CommandReply>> HandleAsync(MineCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var workspace = context.Workspace;
        var actions = await items.OpenOwnedByAsync(workspace, context.Actor, cancellationToken);
        var postMortems = new List<PostMortem>();
        var query = new DocumentQuery(workspace, PostMortem.DocumentType)
            .WhereEquals(ActionItem.Paths.Owner, context.Actor)
            .WhereEquals(ActionItem.Paths.IsOpen, true)
            .Take(ActionItemStore.MaxListed);
        await foreach (var found in documents.QueryAsync<PostMortem>(query, cancellationToken))
            postMortems.Add(found.Value);
        if (actions.Count == 0 && postMortems.Count == 0)
            return CommandReply.Private(RichText.Text("Nothing open is yours: no action items, no post-mortems. 🎉"));

        var visible = new Dictionary<int, bool>();
        foreach (var number in actions.Select(a => a.IncidentNumber).Concat(postMortems.Select(p => p.IncidentNumber)).Distinct())
        {
            var incident = await incidents.FindAsync(workspace, new IncidentNumber(number), cancellationToken);
            visible[number] = incident?.Value.IsVisibleTo(context.Actor) ?? false;
        }
        var lines = new List<RichText>();
        if (postMortems.Count > 0)
        {
            lines.Add(RichText.Of($"{RichText.Bold("Post-mortems")} ({postMortems.Count})"));
            lines.AddRange(postMortems.OrderBy(p => p.DueDate).Select(p =>
                RichText.Of($"• 📝 {RichText.Bold(new IncidentNumber(p.IncidentNumber).Key)} due {PostMortemMessages.Day(p.DueDate!.Value)}")));
        }
        if (actions.Count > 0)
        {
            lines.Add(RichText.Of($"{RichText.Bold("Action items")} ({actions.Count})"));
            lines.AddRange(actions
                .OrderBy(a => a.DueAt ?? (a.DueDate is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MaxValue))
                .ThenBy(a => a.IncidentNumber).ThenBy(a => a.Sequence)
                .Select(a => RichText.Of($"• {ActionItemMessages.Line(a, visible.GetValueOrDefault(a.IncidentNumber), withIncident: true)}")));
        }
        return CommandReply.Private(RichText.Join(RichText.LineBreak, lines));
    }
}
