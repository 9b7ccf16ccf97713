using IncidentBot.Dialogs.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.Tests.Commands;

/// <summary>
/// The parser exactly as the bot registers it: the syntaxes come from
/// <see cref="DialogsRegistration.AddIncidentDialogs"/>, so a verb added there is parsed here too.
/// </summary>
internal static class Parsing
{
    public static CommandParser Parser { get; } = new(RegisteredSyntaxes());

    public static IncidentCommand Parse(string text)
    {
        var result = Parser.Parse(text);
        Assert.True(result.IsSuccess, $"Expected '{text}' to parse, got {result.Error?.Code}: {result.Error?.Message.ToPlainText()}");
        return result.Value;
    }

    public static TCommand Parse<TCommand>(string text)
        where TCommand : IncidentCommand =>
        Assert.IsAssignableFrom<TCommand>(Parse(text));

    public static UserError Fail(string text)
    {
        var result = Parser.Parse(text);
        Assert.False(result.IsSuccess, $"Expected '{text}' to fail, got {(result.IsSuccess ? result.Value : null)}");
        return result.Error;
    }

    private static IEnumerable<ICommandSyntax> RegisteredSyntaxes()
    {
        var services = new ServiceCollection().AddIncidentDialogs();
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(ICommandSyntax)))
        {
            yield return descriptor.ImplementationInstance as ICommandSyntax
                ?? (ICommandSyntax)Activator.CreateInstance(descriptor.ImplementationType!)!;
        }
    }
}
