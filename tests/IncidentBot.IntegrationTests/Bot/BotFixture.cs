
namespace IncidentBot.IntegrationTests.Bot;

/// <summary>
/// One bot and one fake Slack shared by the tests of a class; each test uses its own
/// workspace (<see cref="NewTeam"/>) so incident numbers and calls do not mix.
/// </summary>
public sealed class BotFixture : SlackBotFixture
{
    public static string NewTeam() => "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
}
