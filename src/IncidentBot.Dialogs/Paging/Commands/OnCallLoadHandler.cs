using System.Globalization;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary>
/// Paging load per person over the last days: every direct message a page sent, and of those
/// the ones at night or on a weekend in the person's own zone (recorded when sent).
/// </summary>
public sealed class OnCallLoadHandler(IOnCallConfigSource config, PageStore pages, TimeProvider clock) : CommandHandler<OnCallLoadCommand>
{
    protected override async Task<Result<CommandReply>> HandleAsync(OnCallLoadCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var load = new Dictionary<UserId, (int Pages, int Night, int Weekend)>();
        await foreach (var page in pages.ListSinceAsync(context.Workspace, clock.GetUtcNow().AddDays(-command.Days), cancellationToken))
        {
            foreach (var target in page.Targets.Where(t => t.SentAt is not null))
            {
                var (count, night, weekend) = load.GetValueOrDefault(target.User);
                load[target.User] = (count + 1, night + (target.IsNight ? 1 : 0), weekend + (target.IsWeekend ? 1 : 0));
            }
        }
        var current = config.Current ?? new OnCallConfig();
        var heading = RichText.Of(
            $"{RichText.Bold($"Paging load, last {command.Days} days")} · night is {current.NightStart:HH\\:mm}–{current.NightEnd:HH\\:mm} and weekend is Saturday–Sunday, in each person's own zone");
        if (load.Count == 0)
            return CommandReply.Private($"{heading}\nNobody was paged.");
        var text = heading;
        foreach (var (user, (count, night, weekend)) in load.OrderByDescending(l => l.Value.Pages).ThenByDescending(l => l.Value.Night))
            text += RichText.Of($"\n• {RichText.Mention(user)}: {count} page{(count == 1 ? "" : "s")} · {night} at night · {weekend} on a weekend");
        return CommandReply.Private(text);
    }
}
