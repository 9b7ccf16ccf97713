namespace IncidentBot.Dialogs.Commands;

/// <summary>Base for a handler of one command record type.</summary>
public abstract class CommandHandler<TCommand> : ICommandHandler
    where TCommand : IncidentCommand
{
    public Type CommandType => typeof(TCommand);

    public Task<Result<CommandReply>> HandleAsync(IncidentCommand command, CommandContext context, CancellationToken cancellationToken) =>
        HandleAsync((TCommand)command, context, cancellationToken);

    protected abstract Task<Result<CommandReply>> HandleAsync(TCommand command, CommandContext context, CancellationToken cancellationToken);
}
