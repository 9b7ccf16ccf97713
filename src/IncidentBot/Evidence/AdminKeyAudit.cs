using IncidentBot.Api;

namespace IncidentBot.Evidence;

/// <summary>Every request an <c>admin</c> key makes on an API group is in the audit log before it is served.</summary>
internal sealed class AdminKeyAudit(AuditTrail audit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (AuditTrail.HasScope(http.User, ApiScopes.Admin))
            await audit.AdminRequestAsync(http, http.RequestAborted);
        return await next(context);
    }
}
