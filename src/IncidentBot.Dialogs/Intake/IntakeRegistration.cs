using IncidentBot.Dialogs.Buttons;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.Intake;

public static class IntakeRegistration
{
    /// <summary>Reports becoming incidents: the recorder, the digest and chat receipts, the raise button, the summary's lines.</summary>
    public static IServiceCollection AddIntake(this IServiceCollection services)
    {
        services.AddSingleton<IntakeRecorder>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<AttachmentKeeper>();
        services.AddSingleton<ReportEvidenceFiles>();
        services.AddSingleton<IWorkHandler, IntakeDigestWork>();
        services.AddSingleton<IWorkHandler, ReportAcknowledgementWork>();
        services.AddSingleton<IWorkHandler, AttachmentKeepWork>();
        services.AddSingleton<IActionHandler, RaiseSeverityAction>();
        services.AddSingleton<IIncidentSummarySection, IntakeSummarySection>();
        return services;
    }
}
