namespace IncidentBot.Dashboard;

/// <summary>
/// A dashboard page's request services: MVC's from the dashboard's container, everything else (authentication and
/// its handlers, what the page models take) from the app's request scope, as when MVC was registered in the app.
/// </summary>
internal sealed class DashboardRequestServices(IServiceProvider dashboard, IServiceProvider app) : IServiceProvider
{
    public IServiceProvider App => app;

    public object? GetService(Type serviceType) =>
        serviceType == typeof(IServiceProvider) ? this : dashboard.GetService(serviceType) ?? app.GetService(serviceType);

    /// <summary>The app's request services of a request, inside a dashboard page or not.</summary>
    public static IServiceProvider AppOf(HttpContext context) =>
        context.RequestServices is DashboardRequestServices page ? page.App : context.RequestServices;
}
