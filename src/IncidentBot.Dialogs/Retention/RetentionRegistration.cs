using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Dialogs.Retention;

public static class RetentionRegistration
{
    /// <summary>Legal holds and the retention purge. The rules default to <see cref="RetentionRules.Default"/>; the host replaces them from configuration.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.TryAddSingleton(RetentionRules.Default);
        services.AddSingleton<IIncidentWorkPlanner, RetentionPlanner>();
        services.AddSingleton<IWorkHandler, HoldSweepWork>();
        services.AddSingleton<IWorkHandler, RetentionPurgeWork>();
        services.AddSingleton<IExpiringIncidentDocuments>(new ExpiringIncidentDocuments<DeclareReceipt>(DeclareReceipt.DocumentType, DeclareReceipt.Paths.IncidentNumber));
        services.AddSingleton<ICommandSyntax, HoldSyntax>();
        services.AddSingleton<ICommandHandler, HoldHandler>();
        return services;
    }
}
