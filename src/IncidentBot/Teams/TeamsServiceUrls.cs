using System.Net;

namespace IncidentBot.Teams;

/// <summary>Which Bot Connector addresses the bot may talk to.</summary>
public static class TeamsServiceUrls
{
    /// <summary>An absolute http(s) URL on 127.0.0.0/8, ::1 or <c>localhost</c>.</summary>
    public static bool IsLoopback(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return false;
        if (uri.IsLoopback && string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    public static bool IsAbsoluteHttp(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
