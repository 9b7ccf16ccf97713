using Microsoft.Extensions.Options;

namespace IncidentBot.Intake;

public static class IntakeRegistration
{
    /// <summary>
    /// The intake API's settings (validated at start), its authentication and target, and partner channels
    /// (<see cref="ChatIntake"/>); the logic is the domain's and comes with <c>AddIncidentDialogs</c>.
    /// </summary>
    public static IServiceCollection AddIntake(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        services.AddSingleton<IntakeAuthenticator>();
        services.AddSingleton<IntakeTarget>();
        services.AddSingleton<ChatIntake>();
        return services;
    }

    /// <summary>
    /// <c>POST /api/intake/reports</c>, <c>/reports/batch</c> and <c>/email</c> (<see cref="IntakeApi"/>), each
    /// authenticated by the source's key. An incident's reports are read under <c>/api/incidents</c> (<c>MapIncidentsApi</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapIntake(this IEndpointRouteBuilder app)
    {
        var intake = app.MapGroup("/api/intake").WithTags("Intake");
        intake.MapPost("/reports", IntakeApi.PostReportAsync);
        intake.MapPost("/reports/batch", IntakeApi.PostBatchAsync);
        intake.MapPost("/email", IntakeApi.PostEmailAsync);
        return app;
    }
}
