namespace IncidentBot.Dialogs.Commands;

/// <summary>Carries out one kind of command. Register with <see cref="CommandHandler{TCommand}"/>.</summary>
public interface ICommandHandler
{
    Type CommandType { get; }

    Task<Result<CommandReply>> HandleAsync(IncidentCommand command, CommandContext context, CancellationToken cancellationToken);
}
