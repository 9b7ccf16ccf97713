using Microsoft.Extensions.Primitives;

namespace IncidentBot.Dashboard;

/// <summary>
/// The dashboard's Razor Pages endpoints, built on the first request for a dashboard address instead of at start-up:
/// building them (MVC's application model over the compiled pages) was 3 MiB of an idle bot's memory (PERFORMANCE.md,
/// issue 12). Until then it holds no endpoints; once built it hands on MVC's own data source and its changes, so
/// routing, authorization and link generation see the pages from the request that built them on.
/// </summary>
internal sealed class DashboardPageEndpoints(IServiceProvider services) : EndpointDataSource, IDisposable
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource built = new();
    private CompositeEndpointDataSource? pages;
    private volatile bool ready;

    public override IReadOnlyList<Endpoint> Endpoints => Volatile.Read(ref pages)?.Endpoints ?? [];

    public override IChangeToken GetChangeToken() =>
        Volatile.Read(ref pages)?.GetChangeToken() ?? new CancellationChangeToken(built.Token);

    /// <summary>The addresses the pages answer (their <c>@page</c> routes); a request for one builds them first.</summary>
    public static bool IsPageAddress(PathString path) =>
        path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/login", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/logout", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns once routing holds the pages: a request that finds them being built waits for that.</summary>
    public void EnsureBuilt()
    {
        if (ready)
            return;
        lock (gate)
        {
            if (ready)
                return;
            var routes = new PageRoutes(services);
            routes.MapRazorPages();
            Volatile.Write(ref pages, new CompositeEndpointDataSource(routes.DataSources));
            // Routing rebuilds its matcher in this call; until it returns, a request is routed without the pages.
            built.Cancel();
            ready = true;
        }
    }

    public void Dispose() => built.Dispose();

    /// <summary>A route builder of the pages' own, so MVC's data source is created only when they are built.</summary>
    private sealed class PageRoutes(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;
        public ICollection<EndpointDataSource> DataSources { get; } = [];
        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }
}
