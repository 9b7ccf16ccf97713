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
                return Task.FromResult<Result<CommandReply>>(new UserError("unknown_command", $"There is no command {RichText.Code(topic)}. Type {RichText.Code($"{context.CommandPrefix} help")} for the list."));
            return Task.FromResult<Result<CommandReply>>(CommandReply.Private($"{RichText.Code($"{context.CommandPrefix} {syntax.Usage}")}\n{RichText.WithCode(syntax.Summary)}"));
        }
        RichText Line(ICommandSyntax syntax) => RichText.Of($"• {RichText.Code($"{context.CommandPrefix} {syntax.Usage}")} — {RichText.WithCode(syntax.Summary)}");
        var text = RichText.Of($"{RichText.Bold("Incident commands")}\n")
            + RichText.Join(RichText.LineBreak, parser.Syntaxes.Where(s => s.Scope == CommandScope.Workspace).Select(Line))
            + RichText.Of($"\n\n{RichText.Bold("In an incident channel")} (elsewhere, put the incident first: {RichText.Code($"{context.CommandPrefix} INC-12 sev 1")})\n")
            + RichText.Join(RichText.LineBreak, parser.Syntaxes.Where(s => s.Scope == CommandScope.Incident).Select(Line));
        return Task.FromResult<Result<CommandReply>>(CommandReply.Private(text));
    }
}

public sealed class ListHandler(IncidentStore store) : CommandHandler<ListCommand>
{
    public const int Limit = 25;

    protected override async Task<Result<CommandReply>> HandleAsync(ListCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var filter = new IncidentFilter { OpenOnly = !command.IncludeFinished, Limit = Limit };
        var lines = new List<RichText>();
        await foreach (var incident in store.ListAsync(context.Workspace.Value, filter, cancellationToken))
            lines.Add(RichText.Of($"• {IncidentMessages.ListLine(incident, incident.IsVisibleTo(context.Actor) || incident.Channel == context.Channel)}"));
        if (lines.Count == 0)
            return CommandReply.Private(RichText.Text(command.IncludeFinished ? "No incidents yet." : "No open incidents. 🎉"));
        var heading = RichText.Bold(command.IncludeFinished ? $"Latest {lines.Count} incidents" : $"{lines.Count} open incident{(lines.Count == 1 ? "" : "s")}");
        return CommandReply.Private($"{heading}\n{RichText.Join(RichText.LineBreak, lines)}");
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
            summary = summary with { Blocks = [.. summary.Blocks, new ContextBlock(RichText.Of($"Channel: {RichText.Channel(channel)}"))] };
        return CommandReply.Private(summary);
    }
}
