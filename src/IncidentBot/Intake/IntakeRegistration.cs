using Microsoft.Extensions.Options;

namespace IncidentBot.Intake;

public static class IntakeRegistration
{
    /// <summary>The intake API's settings (validated at start), its authentication and target; the logic is the domain's.</summary>
    public static IServiceCollection AddIntakeApi(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        services.AddSingleton<IntakeAuthenticator>();
        services.AddSingleton<IntakeTarget>();
        services.AddSingleton<ChatIntake>();
        return services;
    }
}
