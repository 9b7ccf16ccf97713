using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using IncidentBot.Storage.Cosmos;
using IncidentBot.Storage.Embedded;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Storage;

public static class StorageRegistration
{
    /// <summary>The document store the incident logic runs on (<see cref="IDocumentStore"/>).</summary>
    public static IServiceCollection AddIncidentStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        // A Cosmos DB account named in configuration selects the Cosmos DB store (its initializer logs
        // which); without one, the embedded file keeps `dotnet run` working on a fresh machine.
        return CosmosRegistration.IsConfigured(configuration)
            ? services.AddCosmosStore(configuration)
            : services.AddEmbeddedStore(configuration);
    }

    private static IServiceCollection AddEmbeddedStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<StorageBaseDirectory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqliteDocumentStore(
                options.FullPath(provider.GetRequiredService<StorageBaseDirectory>().Value),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<SqliteDocumentStore>>(),
                SqliteDocumentStore.DefaultBusyTimeout,
                options.CoalesceLogWrites);
        });
        services.AddSingleton<IDocumentStore>(provider => provider.GetRequiredService<SqliteDocumentStore>());
        services.AddSingleton<ITrendStore, SqliteTrendStore>();
        services.AddSingleton<IIncidentExportStore, SqliteIncidentExport>();
        services.AddHostedService<SqliteStoreInitializer>();
        services.AddHostedService<SqliteCheckpointer>();
        services.AddHostedService(provider => new EmbeddedStoreMetrics(provider.GetRequiredService<SqliteDocumentStore>(), provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        return services;
    }
}
