using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Dialogs.Evidence;

public static class EvidenceRegistration
{
    /// <summary>The ledger and audit log stores, the package export, and <c>evidence</c> in chat. The host sets <see cref="EvidenceLinkOptions"/> and <see cref="EvidenceUploadOptions"/> from configuration.</summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<EvidenceExport>();
        services.TryAddSingleton(EvidenceLinkOptions.None);
        services.TryAddSingleton(EvidenceUploadOptions.Default);
        services.AddSingleton<EvidenceLinks>();
        services.AddSingleton<IWorkHandler, EvidenceDeliveryWork>();
        services.AddSingleton<ICommandSyntax, EvidenceSyntax>();
        services.AddSingleton<ICommandHandler, EvidenceHandler>();
        return services;
    }
}
