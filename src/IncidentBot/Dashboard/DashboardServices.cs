using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Dashboard;

/// <summary>
/// The dashboard's own service container: Razor Pages (MVC, Razor, anti-forgery) registered there, built on the first
/// request for a dashboard address. Registered in the app's container they loaded the MVC stack into every idle bot
/// (9 MiB, PERFORMANCE.md, issue 12). It shares the app's singletons that must be one: logging, the data-protection
/// key ring (so anti-forgery tokens are read by every instance, as the sign-in cookie is) and the route table.
/// </summary>
internal static class DashboardServices
{
    public static ServiceProvider Build(IServiceProvider app)
    {
        var services = new ServiceCollection();
        // Instances, so the dashboard's container never disposes what the app owns.
        services.AddSingleton(app.GetRequiredService<IWebHostEnvironment>());
        services.AddSingleton<IHostEnvironment>(app.GetRequiredService<IWebHostEnvironment>());
        services.AddSingleton(app.GetRequiredService<ILoggerFactory>());
        services.AddSingleton(app.GetRequiredService<DiagnosticListener>());
        services.AddSingleton<DiagnosticSource>(app.GetRequiredService<DiagnosticListener>());
        services.AddSingleton(app.GetRequiredService<IDataProtectionProvider>());
        // The anti-forgery cookie's name is derived from the application's discriminator (SharedKeyRing sets it).
        services.AddSingleton(app.GetRequiredService<IOptions<DataProtectionOptions>>());
        // Links to pages (RedirectToPage) are made from the app's route table, where the pages' endpoints are.
        services.AddSingleton(app.GetRequiredService<LinkGenerator>());
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Dashboard/Pages";
            options.Conventions.AuthorizeFolder("/", DashboardRegistration.AuthorizationPolicyName);
            options.Conventions.AllowAnonymousToPage("/Login");
        })
        // Only the compiled pages: MVC would look for controllers, view components and tag helpers in every type of an
        // assembly part, which loaded every type of the bot and the SDKs their base types come from (Cosmos DB, Bot
        // Framework, MimeKit). The bot is built without the attribute that names its parts (IncidentBot.csproj).
        .ConfigureApplicationPartManager(parts =>
        {
            parts.ApplicationParts.Clear();
            parts.ApplicationParts.Add(new CompiledRazorAssemblyPart(typeof(DashboardServices).Assembly));
        });
        services.Replace(ServiceDescriptor.Singleton<IPageModelActivatorProvider, DashboardPageModelActivator>());
        // MVC registers authentication's core services too; left here they would answer a page's sign-in with no
        // schemes. Without them a page's request services ask the app, where the cookie and OIDC schemes are.
        foreach (var authentication in services.Where(s => s.ServiceType.Namespace == typeof(IAuthenticationService).Namespace).ToList())
            services.Remove(authentication);
        return services.BuildServiceProvider();
    }
}
