using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Storage.Cosmos;

internal static class CosmosRegistration
{
    /// <summary>True when configuration names a Cosmos DB account (connection string, endpoint or key).</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        var section = configuration.GetSection(CosmosOptions.SectionName);
        return !string.IsNullOrWhiteSpace(section[nameof(CosmosOptions.ConnectionString)])
            || !string.IsNullOrWhiteSpace(section[nameof(CosmosOptions.Endpoint)])
            || !string.IsNullOrWhiteSpace(section[nameof(CosmosOptions.Key)]);
    }

    /// <summary>The Cosmos DB store: options validated at start, one <see cref="CosmosClient"/> per process.</summary>
    public static IServiceCollection AddCosmosStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CosmosOptions>()
            .Bind(configuration.GetSection(CosmosOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CosmosOptions>, CosmosOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<CosmosStoreMetrics>();
        services.AddSingleton(provider => CosmosClientFactory.Create(
            provider.GetRequiredService<IOptions<CosmosOptions>>().Value,
            provider.GetRequiredService<ILogger<CosmosDocumentStore>>()));
        services.AddSingleton(provider => new CosmosDocumentStore(
            provider.GetRequiredService<CosmosClient>(),
            provider.GetRequiredService<IOptions<CosmosOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<CosmosDocumentStore>>(),
            provider.GetRequiredService<CosmosStoreMetrics>()));
        services.AddSingleton<IDocumentStore>(provider => provider.GetRequiredService<CosmosDocumentStore>());
        services.AddSingleton<ITrendStore, CosmosTrendStore>();
        services.AddSingleton<IIncidentExportStore>(provider => provider.GetRequiredService<IncidentExport>());
        services.AddHostedService<CosmosStoreInitializer>();
        return services;
    }
}
