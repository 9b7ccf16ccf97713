using System.Collections.Concurrent;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Microsoft.Rest.Serialization;
using Newtonsoft.Json.Serialization;

namespace IncidentBot.Teams.Outbound;

/// <summary>
/// The Bot Connector clients every turn uses, shared: one per app id, service URL and audience (and one
/// user-token client per app id), kept for <see cref="Lifetime"/>. The SDK builds both for every turn,
/// inbound or proactive (credentials — with an app id a new MSAL application —, two HttpClients with
/// their user agent, two service clients with their serialisation settings) and disposes them at its end;
/// the shared ones ignore that dispose. Renewed after the lifetime, so the HttpClient factory's handler
/// rotation (DNS changes of the Bot Connector) still reaches them.
/// </summary>
public sealed class TeamsConnectorClients(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    // Service URLs are the tenant's Bot Connector (authenticated) or loopback (local mode): a handful.
    private const int MaxClients = 64;

    private static readonly IContractResolver Contracts = new ReadOnlyJsonContractResolver();

    private readonly ConcurrentDictionary<(string Kind, string AppId, string ServiceUrl, string Audience), Shared> _clients = new();
    private int _created;

    /// <summary>How many clients were built so far (what sharing saves is visible in tests).</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>A connector factory whose clients are the shared ones, built through <paramref name="sdk"/> when missing or old.</summary>
    public ConnectorFactory Over(ConnectorFactory sdk, string? appId) => new SharingFactory(this, sdk, appId ?? "");

    public async Task<UserTokenClient> UserTokenClientAsync(string? appId, Func<Task<UserTokenClient>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var key = ("user-token", appId ?? "", "", "");
        if (Fresh(key) is SharedUserTokenClient known)
            return known;
        var made = await create();
        var shared = new SharedUserTokenClient(made);
        return Keep(key, shared) ? shared : made;
    }

    private object? Fresh((string, string, string, string) key) =>
        _clients.TryGetValue(key, out var entry) && clock.GetUtcNow() - entry.Since < Lifetime ? entry.Client : null;

    /// <returns>False when the cache is full of fresh clients: the caller's turn then uses (and disposes) its own.</returns>
    private bool Keep((string, string, string, string) key, object client)
    {
        var now = clock.GetUtcNow();
        if (_clients.Count >= MaxClients)
        {
            foreach (var old in _clients.Where(c => now - c.Value.Since >= Lifetime))
                _clients.TryRemove(old.Key, out _);
            if (_clients.Count >= MaxClients)
                return false;
        }
        // An old client is dropped, not disposed: a turn may still be sending through it. Its HttpClient
        // comes from the factory, whose handlers outlive it.
        _clients[key] = new Shared(client, now);
        Interlocked.Increment(ref _created);
        return true;
    }

    private sealed record Shared(object Client, DateTimeOffset Since);

    private sealed class SharingFactory(TeamsConnectorClients clients, ConnectorFactory sdk, string appId) : ConnectorFactory
    {
        public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            var key = ("connector", appId, serviceUrl, audience ?? "");
            if (clients.Fresh(key) is SharedConnectorClient known)
                return known;
            var made = await sdk.CreateAsync(serviceUrl, audience, cancellationToken);
            if (made is not ConnectorClient client)
                return made;
            // The SDK's client has the credentials and the HttpClient (with its user agent) it chose; the shared
            // one keeps them and the Activity contracts, built once.
            var shared = new SharedConnectorClient(client.BaseUri, client.Credentials, client.HttpClient);
            shared.SerializationSettings.ContractResolver = Contracts;
            shared.DeserializationSettings.ContractResolver = Contracts;
            return clients.Keep(key, shared) ? shared : made;
        }
    }

    /// <summary>A connector client that outlives the turns that use it: their dispose is ignored.</summary>
    private sealed class SharedConnectorClient(Uri baseUri, ServiceClientCredentials credentials, HttpClient httpClient)
        : ConnectorClient(baseUri, credentials, httpClient, disposeHttpClient: false)
    {
#pragma warning disable CA2215 // Shared: the turn that disposes it is not its owner; the process is.
        protected override void Dispose(bool disposing)
        {
        }
#pragma warning restore CA2215
    }

    /// <summary>The SDK's user-token client, shared: the bot signs no one in, so it is never called, only built and disposed per turn.</summary>
    private sealed class SharedUserTokenClient(UserTokenClient inner) : UserTokenClient
    {
        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            inner.GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            inner.GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            inner.SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            inner.GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            inner.GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            inner.ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

#pragma warning disable CA2215 // Shared: the turn that disposes it is not its owner; the process is.
        protected override void Dispose(bool disposing)
        {
        }
#pragma warning restore CA2215
    }
}
