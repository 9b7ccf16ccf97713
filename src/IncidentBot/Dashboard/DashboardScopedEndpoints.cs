using Microsoft.Extensions.Primitives;

namespace IncidentBot.Dashboard;

/// <summary>
/// The pages' endpoints as MVC made them in the dashboard's container, each one run with request services of that
/// container (<see cref="DashboardRequestServices"/>); same routes, order, metadata and names, so the app's routing,
/// authorization and link generation treat them as before.
/// </summary>
internal sealed class DashboardScopedEndpoints(EndpointDataSource pages, IServiceProvider dashboard) : EndpointDataSource
{
    private Snapshot? current;

    public override IReadOnlyList<Endpoint> Endpoints
    {
        get
        {
            var source = pages.Endpoints;
            if (Volatile.Read(ref current) is { } known && ReferenceEquals(known.Source, source))
                return known.Endpoints;
            var snapshot = new Snapshot(source, [.. source.Select(InScope)]);
            Volatile.Write(ref current, snapshot);
            return snapshot.Endpoints;
        }
    }

    public override IChangeToken GetChangeToken() => pages.GetChangeToken();

    private Endpoint InScope(Endpoint endpoint) => endpoint is RouteEndpoint { RequestDelegate: { } run } route
        ? new RouteEndpoint(context => RunAsync(context, run), route.RoutePattern, route.Order, route.Metadata, route.DisplayName)
        : endpoint;

    private async Task RunAsync(HttpContext context, RequestDelegate run)
    {
        var app = context.RequestServices;
        await using var scope = dashboard.CreateAsyncScope();
        context.RequestServices = new DashboardRequestServices(scope.ServiceProvider, app);
        try
        {
            await run(context);
        }
        finally
        {
            context.RequestServices = app;
        }
    }

    private sealed record Snapshot(IReadOnlyList<Endpoint> Source, IReadOnlyList<Endpoint> Endpoints);
}
