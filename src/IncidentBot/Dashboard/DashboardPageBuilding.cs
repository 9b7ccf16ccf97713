namespace IncidentBot.Dashboard;

/// <summary>
/// Builds the dashboard's pages before routing sees the first request for one of their addresses: a start-up filter,
/// so it runs ahead of the routing WebApplication puts at the start of the pipeline.
/// </summary>
internal sealed class DashboardPageBuilding(DashboardPageEndpoints pages) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(nextStep => context =>
        {
            if (DashboardPageEndpoints.IsPageAddress(context.Request.Path))
                pages.EnsureBuilt();
            return nextStep(context);
        });
        next(app);
    };
}
