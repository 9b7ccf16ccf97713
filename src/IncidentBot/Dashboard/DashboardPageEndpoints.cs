using System.Runtime.CompilerServices;
using Microsoft.Extensions.Primitives;

namespace IncidentBot.Dashboard;

/// <summary>
/// The dashboard's Razor Pages endpoints, built on the first request for a dashboard address instead of at start-up,
/// together with the container MVC is registered in (<see cref="DashboardServices"/>): building them was 3 MiB of an
/// idle bot's memory, MVC's registrations 9 MiB more (PERFORMANCE.md, issue 12). Until then it holds no endpoints;
/// once built it hands on the pages' endpoints, each run in a request scope of the dashboard's container, so routing,
/// authorization and link generation see the pages from the request that built them on.
/// </summary>
internal sealed class DashboardPageEndpoints(IServiceProvider services) : EndpointDataSource, IDisposable, IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource built = new();
    private DashboardScopedEndpoints? pages;
    private ServiceProvider? dashboard;
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
            Build();
            // Routing rebuilds its matcher in this call; until it returns, a request is routed without the pages.
            built.Cancel();
            ready = true;
        }
    }

    public void Dispose()
    {
        built.Dispose();
        dashboard?.Dispose();
    }

    // The app's container disposes asynchronously; so does the dashboard's, which may hold services that only do that.
    public async ValueTask DisposeAsync()
    {
        built.Dispose();
        if (dashboard is not null)
            await dashboard.DisposeAsync();
    }

    // Its own method, so the MVC assemblies it names are loaded when it first runs, not when its caller is compiled.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Build()
    {
        dashboard = DashboardServices.Build(services);
        var routes = new PageRoutes(dashboard);
        routes.MapRazorPages();
        Volatile.Write(ref pages, new DashboardScopedEndpoints(new CompositeEndpointDataSource(routes.DataSources), dashboard));
    }

    /// <summary>A route builder of the pages' own, over the dashboard's container, where MVC's data source is made.</summary>
    private sealed class PageRoutes(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;
        public ICollection<EndpointDataSource> DataSources { get; } = [];
        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }
}
