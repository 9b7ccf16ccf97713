using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Lifecycle;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary>Pages a team through its policy, or one person, into an open incident.</summary>
public sealed class PageHandler(IncidentLocator locator, IOnCallConfigSource config, Pager pager, PageStore pages) : CommandHandler<PageCommand>
{
    protected override async Task<Result<CommandReply>> HandleAsync(PageCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        EscalationPolicy policy;
        if (command.User is { } user)
        {
            policy = new EscalationPolicy("person-" + user.Value, "Page of " + user.Mention,
                [new EscalationStep(StepTarget.Person(user.Value), OnCallConfig.DefaultWait)], 1, config.Current?.FallbackChannel);
        }
        else if (config.Current is not { } current)
        {
            return OnCallText.NotConfigured;
        }
        else if (current.FindTeamOrRotationTeam(command.Team!) is { } team)
        {
            policy = current.EscalationPolicyForTeam(team);
        }
        else
        {
            return OnCallText.UnknownTeam(current, command.Team!, PageSyntax.UsageLine);
        }

        var located = await locator.LocateAsync(context, command.Target, cancellationToken);
        if (!located.IsSuccess)
            return located.Error;
        var incident = located.Value.Value;
        if (!incident.IsOpen)
            return UserError.NotAllowed("page people into", IncidentLifecycle.Name(incident.Status));
        var (page, isNew) = await pager.StartAsync(incident, policy, null, context.Actor, cancellationToken);
        return isNew
            ? CommandReply.Private($"📟 Paging {RichText.Bold(policy.Name)} for {incident.Key.Key}. The pinned summary shows who answers.")
            : CommandReply.Private($"{RichText.Bold(policy.Name)} was already paged for {incident.Key.Key}: {PageMessages.SummaryLine((await pages.ChainAsync(page, cancellationToken))[^1], [])}");
    }
}
