using System.Net;

namespace IncidentBot.Teams.Inbound;

/// <summary>
/// Without an app id nothing in a request can be checked, so who may call is decided by where
/// the request came from: the TCP peer must be this machine, and no proxy may have relayed it (a
/// reverse proxy on the same machine connects from loopback, but says so in a forwarding header).
/// The activity's <c>serviceUrl</c> is written by the sender and proves nothing about its origin.
/// </summary>
internal static class TeamsLocalCallers
{
    /// <summary>Headers that proxies and load balancers add when they relay a request.</summary>
    private static readonly string[] ForwardingHeaders =
    [
        "Forwarded", "X-Real-IP", "X-Original-For", "X-Original-Host", "X-Original-Proto", "X-Client-IP",
        "True-Client-IP", "CF-Connecting-IP", "Fastly-Client-IP", "X-Cluster-Client-IP", "X-ProxyUser-Ip", "Via",
    ];

    private const string ForwardedPrefix = "X-Forwarded-";

    /// <summary>Why the request is not from a local caller, or null when it is.</summary>
    public static string? WhyNotLocal(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Connection.RemoteIpAddress is not { } remote || !IsLoopback(remote))
            return "the request did not come from this machine (its remote address is not loopback)";
        foreach (var header in ForwardingHeaders)
        {
            if (http.Request.Headers.ContainsKey(header))
                return $"the request carries a forwarding header ({header})";
        }
        foreach (var header in http.Request.Headers.Keys)
        {
            if (header.StartsWith(ForwardedPrefix, StringComparison.OrdinalIgnoreCase))
                return "the request carries a forwarding header (X-Forwarded-*)";
        }
        return null;
    }

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
