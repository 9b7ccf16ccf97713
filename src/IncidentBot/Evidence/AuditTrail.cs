using System.Security.Claims;
using IncidentBot.Api;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Evidence;

/// <summary>
/// The host's way into the hash-chained <see cref="AuditLog"/>: who (the API key's name, or a chat
/// user), what, when and from which address. One call per read of a restricted incident
/// (<see cref="RestrictedReadAsync"/>; the dashboard calls it too) and per request made with an
/// <c>admin</c> key (<see cref="AdminKeyAudit"/>). A read is not served when its record cannot be stored.
/// </summary>
public sealed class AuditTrail(AuditLog log)
{
    public const string RestrictedRead = AuditRecord.RestrictedRead;
    public const string AdminRequest = "admin.request";

    /// <summary>Records that <paramref name="http"/>'s caller read restricted <paramref name="incident"/>, e.g. <c>evidence.zip</c>.</summary>
    public Task RestrictedReadAsync(HttpContext http, Incident incident, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        return RestrictedReadAsync(http, incident, what, Actor(http.User), cancellationToken);
    }

    /// <summary>The same, for a caller the request does not authenticate: a download link names the chat user it was made for (<c>teams:&lt;id&gt;</c>).</summary>
    public Task RestrictedReadAsync(HttpContext http, Incident incident, string what, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(incident);
        return log.RecordAsync(new AuditRecord(actor, RestrictedRead, $"{what} {incident.Key.Key}", Address(http))
        {
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
        }, cancellationToken);
    }

    /// <summary>Records a request made with an admin key: method and path with query.</summary>
    public Task AdminRequestAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var target = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}";
        return log.RecordAsync(new AuditRecord(Actor(http.User), AdminRequest, target, Address(http)), cancellationToken);
    }

    /// <summary><c>api:legal</c> for an API key named legal; <c>anonymous</c> without a user.</summary>
    public static string Actor(ClaimsPrincipal user) =>
        user?.Identity is { IsAuthenticated: true, Name: { } name } ? "api:" + name : "anonymous";

    private static string? Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    public static bool HasScope(ClaimsPrincipal user, string scope) => user?.HasClaim(ApiScopes.ClaimType, scope) == true;
}
