using IncidentBot.Dialogs.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Dialogs.Reminders;

public static class RemindersRegistration
{
    /// <summary>
    /// What every reminder feature shares: the find–plan–deliver loop, delivery to people and channels, and the rules (<c>IncidentRules</c>), which
    /// default to the built-in ones until the host replaces them with the policy file's.
    /// </summary>
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.TryAddSingleton(IncidentRules.Default);
        services.TryAddSingleton<ReminderDelivery>();
        services.TryAddSingleton<ReminderRunner>();
        return services;
    }
}
