using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary>Looks up every e-mail of the on-call file on the platform and names those nobody has.</summary>
public sealed class OnCallCheckHandler(IOnCallConfigSource config, StepTargetResolver resolver) : CommandHandler<OnCallCheckCommand>
{
    protected override async Task<Result<CommandReply>> HandleAsync(OnCallCheckCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (config.Current is not { } current)
            return OnCallText.NotConfigured;
        var people = current.People().ToArray();
        var found = await Task.WhenAll(people.Select(p => resolver.ResolveAsync(context.Platform, context.Workspace, p, cancellationToken)));
        var missing = people.Where((_, i) => found[i] is null).Select(p => p.Email).ToArray();
        if (missing.Length == 0)
            return CommandReply.Private(RichText.Of($"✅ All {people.Length} people in the on-call file have a {context.Platform.Value} account."));
        return CommandReply.Private(RichText.Of($"⚠️ {missing.Length} of {people.Length} people in the on-call file have no {context.Platform.Value} account with their e-mail, so pages cannot reach them:\n"
            + $"{string.Join('\n', missing.Select(e => "• " + e))}"));
    }
}
