using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Testing.Hosts;

/// <summary>What a test changes about a <see cref="BotHost"/>, whichever platform it talks to.</summary>
public sealed record BotHostOptions
{
    /// <summary>Added to the host's settings; a null value removes that setting.</summary>
    public IDictionary<string, string?>? Settings { get; init; }

    /// <summary>Replaces the bot's clock (a FakeTimeProvider, usually).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The host environment; WebApplicationFactory's default is Development.</summary>
    public string? Environment { get; init; }

    /// <summary>
    /// Every request reaches the bot as if its TCP peer had this address (the connection's remote
    /// address is set before any other middleware runs); the bytes still travel over 127.0.0.1.
    /// </summary>
    public IPAddress? RemoteAddress { get; init; }

    /// <summary>Last changes to the bot's services.</summary>
    public Action<IServiceCollection>? Services { get; init; }
}
