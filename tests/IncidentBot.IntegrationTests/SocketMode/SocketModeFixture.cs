namespace IncidentBot.IntegrationTests.SocketMode;

/// <summary>One Socket Mode bot shared by the tests of a class; each test uses its own workspace.</summary>
public sealed class SocketModeFixture : IAsyncLifetime
{
    public SocketModeBot Bot { get; private set; } = null!;

    public async Task InitializeAsync() => Bot = await SocketModeBot.StartAsync();

    public async Task DisposeAsync() => await Bot.DisposeAsync();
}
