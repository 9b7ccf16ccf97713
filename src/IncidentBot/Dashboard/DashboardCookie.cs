using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace IncidentBot.Dashboard;

/// <summary>
/// The sign-in cookie: HttpOnly, SameSite=Strict, and Secure everywhere except on a loopback
/// connection over plain HTTP (a developer's own machine), where a Secure cookie would never come back.
/// </summary>
internal sealed class DashboardCookie : CookieBuilder
{
    public const string CookieName = "incidentbot.dashboard";

    public DashboardCookie()
    {
        Name = CookieName;
        HttpOnly = true;
        SameSite = SameSiteMode.Strict;
        SecurePolicy = CookieSecurePolicy.Always;
        IsEssential = true;
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = context.Request.IsHttps || !IsLoopback(context.Connection.RemoteIpAddress);
        return options;
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}
