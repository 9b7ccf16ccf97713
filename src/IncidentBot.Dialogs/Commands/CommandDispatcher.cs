using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Commands;

/// <summary>Parses command text once and hands the record to its handler; user errors become a private reply with usage.</summary>
public sealed class CommandDispatcher(CommandParser parser, IEnumerable<ICommandHandler> handlers)
{
    private readonly Dictionary<Type, ICommandHandler> _handlers = handlers.ToDictionary(h => h.CommandType);

    public CommandParser Parser => parser;

    public async Task<CommandReply> DispatchAsync(CommandContext context, string text, CancellationToken cancellationToken)
    {
        var parsed = parser.Parse(text);
        if (!parsed.IsSuccess)
            return ErrorReply(parsed.Error, context);
        return await DispatchAsync(context, parsed.Value, cancellationToken);
    }

    public async Task<CommandReply> DispatchAsync(CommandContext context, IncidentCommand command, CancellationToken cancellationToken)
    {
        var handler = FindHandler(command.GetType())
            ?? throw new InvalidOperationException($"No handler is registered for {command.GetType().Name}.");
        var result = await handler.HandleAsync(command, context, cancellationToken);
        return result.IsSuccess ? result.Value : ErrorReply(result.Error, context);
    }

    /// <summary>The handler of the command's own type, or of the nearest base type (one handler for all changes).</summary>
    private ICommandHandler? FindHandler(Type? type)
    {
        for (; type is not null && type != typeof(object); type = type.BaseType)
        {
            if (_handlers.TryGetValue(type, out var handler))
                return handler;
        }
        return null;
    }

    public static CommandReply ErrorReply(UserError error, CommandContext context)
    {
        var text = error.Usage is null
            ? error.Message
            : RichText.Of($"{error.Message}\nUsage: {RichText.Code($"{context.CommandPrefix} {error.Usage}")}");
        return new MessageReply(ChatMessage.Plain(RichText.Of($":warning: {text}")), IsPublic: false) { ErrorCode = error.Code };
    }
}
