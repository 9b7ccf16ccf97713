using System.Text;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Commands.Lifecycle;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Commands.Queries;

public sealed class HelpHandler(CommandParser parser) : CommandHandler<HelpCommand>
{
    protected override Task<Result<CommandReply>> HandleAsync(HelpCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (command.Topic is { } topic)
        {
            var syntax = parser.Find(topic);
            if (syntax is null)
                return Task.FromResult<Result<CommandReply>>(new UserError("unknown_command", $"There is no command `{topic}`. Type `{context.CommandPrefix} help` for the list."));
            return Task.FromResult<Result<CommandReply>>(CommandReply.Private($"`{context.CommandPrefix} {syntax.Usage}`\n{syntax.Summary}"));
        }
        var text = new StringBuilder("*Incident commands*\n");
        foreach (var syntax in parser.Syntaxes.Where(s => s.Scope == CommandScope.Workspace))
            text.Append("• `").Append(context.CommandPrefix).Append(' ').Append(syntax.Usage).Append("` — ").Append(syntax.Summary).Append('\n');
        text.Append("\n*In an incident channel* (elsewhere, put the incident first: `").Append(context.CommandPrefix).Append(" INC-12 sev 1`)\n");
        foreach (var syntax in parser.Syntaxes.Where(s => s.Scope == CommandScope.Incident))
            text.Append("• `").Append(context.CommandPrefix).Append(' ').Append(syntax.Usage).Append("` — ").Append(syntax.Summary).Append('\n');
        return Task.FromResult<Result<CommandReply>>(CommandReply.Private(text.ToString().TrimEnd()));
    }
}

public sealed class ListHandler(IncidentStore store) : CommandHandler<ListCommand>
{
    public const int Limit = 25;

    protected override async Task<Result<CommandReply>> HandleAsync(ListCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var filter = new IncidentFilter { OpenOnly = !command.IncludeFinished, Limit = Limit };
        var lines = new List<string>();
        await foreach (var incident in store.ListAsync(context.Workspace.Value, filter, cancellationToken))
            lines.Add("• " + IncidentMessages.ListLine(incident, incident.IsVisibleTo(context.Actor) || incident.Channel == context.Channel));
        if (lines.Count == 0)
            return CommandReply.Private(command.IncludeFinished ? "No incidents yet." : "No open incidents. 🎉");
        var heading = command.IncludeFinished ? $"*Latest {lines.Count} incidents*" : $"*{lines.Count} open incident{(lines.Count == 1 ? "" : "s")}*";
        return CommandReply.Private(heading + "\n" + string.Join('\n', lines));
    }
}

public sealed class ShowHandler(IncidentLocator locator, IncidentSummaryBuilder summaries) : CommandHandler<ShowCommand>
{
    protected override async Task<Result<CommandReply>> HandleAsync(ShowCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var located = await locator.LocateAsync(context, command.Target, cancellationToken);
        if (!located.IsSuccess)
            return located.Error;
        var incident = located.Value.Value;
        var summary = await summaries.BuildAsync(incident, cancellationToken);
        if (incident.Channel is { } channel && channel != context.Channel)
            summary = summary with { Blocks = [.. summary.Blocks, new ContextBlock("Channel: " + channel.Mention)] };
        return CommandReply.Private(summary);
    }
}
