using System.Data.Common;
using System.Net;

namespace IncidentBot.Storage.Cosmos;

/// <summary>Where the account is and how to authenticate, read from <see cref="CosmosOptions"/> in one place.</summary>
internal sealed record CosmosAccount(Uri Endpoint, string? Key)
{
    /// <summary>The emulator or the test server on this machine: the only place a self-signed certificate is accepted.</summary>
    public bool IsLoopback => IsLoopbackHost(Endpoint);

    /// <summary>The account, or the reason the options do not name one (never quoting a secret).</summary>
    public static bool TryResolve(CosmosOptions options, out CosmosAccount? account, out string? problem)
    {
        account = null;
        problem = null;
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasEndpoint = !string.IsNullOrWhiteSpace(options.Endpoint);
        var hasKey = !string.IsNullOrWhiteSpace(options.Key);
        if (hasConnectionString && (hasEndpoint || hasKey))
        {
            problem = "Cosmos:ConnectionString is set together with Cosmos:Endpoint or Cosmos:Key; set the connection string alone, or the endpoint (with a key, or alone for DefaultAzureCredential).";
            return false;
        }
        if (hasConnectionString)
            return TryParseConnectionString(options.ConnectionString, out account, out problem);
        if (!hasEndpoint)
        {
            problem = "Cosmos:Key is set without Cosmos:Endpoint; set the account's endpoint too.";
            return false;
        }
        if (!TryParseEndpoint(options.Endpoint.Trim(), out var endpoint))
        {
            // The value is never quoted: a connection string pasted here carries the account key.
            problem = "Cosmos:Endpoint is not an absolute https:// (or http://) URI such as https://myaccount.documents.azure.com:443/"
                + (LooksLikeConnectionString(options.Endpoint) ? "; it looks like a connection string, which belongs in Cosmos:ConnectionString (and is a secret)." : ".");
            return false;
        }
        if (hasKey && !IsBase64(options.Key.Trim()))
        {
            problem = "Cosmos:Key is not a Cosmos DB account key (base64 text from the portal's Keys page).";
            return false;
        }
        account = new CosmosAccount(endpoint, hasKey ? options.Key.Trim() : null);
        return true;
    }

    private static bool TryParseConnectionString(string connectionString, out CosmosAccount? account, out string? problem)
    {
        account = null;
        problem = "Cosmos:ConnectionString is not a Cosmos DB connection string (AccountEndpoint=https://…;AccountKey=…;).";
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return false;
        }
        if (!builder.TryGetValue("AccountEndpoint", out var endpointValue) || endpointValue is not string endpointText
            || !TryParseEndpoint(endpointText, out var endpoint)
            || !builder.TryGetValue("AccountKey", out var keyValue) || keyValue is not string key || !IsBase64(key))
        {
            return false;
        }
        problem = null;
        account = new CosmosAccount(endpoint, key);
        return true;
    }

    private static bool TryParseEndpoint(string text, out Uri endpoint) =>
        Uri.TryCreate(text, UriKind.Absolute, out endpoint!) && (endpoint.Scheme == Uri.UriSchemeHttps || endpoint.Scheme == Uri.UriSchemeHttp);

    private static bool LooksLikeConnectionString(string text) =>
        text.Contains("AccountKey", StringComparison.OrdinalIgnoreCase) || text.Contains(';', StringComparison.Ordinal) || text.Contains('=', StringComparison.Ordinal);

    private static bool IsBase64(string key) => key.Length > 0 && Convert.TryFromBase64String(key, new byte[key.Length], out _);

    private static bool IsLoopbackHost(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
