using System.Security.Claims;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dashboard;

/// <summary>Who is looking: a person signed in with OpenID Connect is a chat user (their Entra object id is their Teams user id); a key is nobody's member.</summary>
internal static class DashboardViewer
{
    public const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public static UserId? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ObjectIdClaim) ?? user.FindFirstValue("oid");
        return string.IsNullOrEmpty(id) ? null : new UserId(id);
    }
}
