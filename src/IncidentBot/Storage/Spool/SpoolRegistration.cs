using IncidentBot.Dialogs.Incidents;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Storage.Spool;

public static class SpoolRegistration
{
    /// <summary>
    /// Keeps declarations the store cannot take in a local file and stores them with a recurring
    /// job (needs <c>AddJobs</c>). Without it, a declare during an outage fails with "try again".
    /// </summary>
    public static IServiceCollection AddDeclarationSpool(this IServiceCollection services)
    {
        services.AddOptions<SpoolOptions>().BindConfiguration(SpoolOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<StorageBaseDirectory>();
        services.AddSingleton(provider => new SqliteDeclarationSpool(
            provider.GetRequiredService<IOptions<SpoolOptions>>().Value.FullPath(provider.GetRequiredService<StorageBaseDirectory>().Value)));
        services.AddSingleton<IDeclarationSpool>(provider => provider.GetRequiredService<SqliteDeclarationSpool>());
        services.AddTransient<StoreSpooledDeclaresJob>();
        services.AddHostedService<SpoolJobRegistrar>();
        // Tagged like the other readiness checks, so /readyz shows what waits.
        services.AddHealthChecks().AddCheck<SpoolHealthCheck>("declare-spool", tags: ["ready"]);
        return services;
    }
}
