using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Dialogs.StepDialogs;

public static class StepDialogsRegistration
{
    /// <summary>Question-by-question dialogs (declare without a title) for platforms without forms in a chat.</summary>
    public static IServiceCollection AddStepDialogs(this IServiceCollection services)
    {
        services.TryAddSingleton(StepDialogOptions.Default);
        services.TryAddSingleton<StepDialogRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStepDialog, DeclareDialog>());
        return services;
    }
}
