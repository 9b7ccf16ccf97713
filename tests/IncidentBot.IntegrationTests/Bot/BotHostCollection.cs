namespace IncidentBot.IntegrationTests.Bot;

/// <summary>
/// Tests that start the whole bot run one at a time: Hangfire keeps its log provider in a
/// static, so a host being disposed must not overlap with another being built.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BotHostCollection
{
    public const string Name = "Bot host";
}
