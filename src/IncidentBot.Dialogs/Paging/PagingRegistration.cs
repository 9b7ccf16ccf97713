using IncidentBot.Dialogs.Buttons;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Commands;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Dialogs.Paging;

public static class PagingRegistration
{
    /// <summary>
    /// Rotations, pages, escalation, handoffs and the on-call commands. The host replaces the
    /// <see cref="IOnCallConfigSource"/> (by default: not configured) with the YAML file and the
    /// <see cref="OnCallAdmins"/> (by default: none) with its settings; this replaces the
    /// direct-message <see cref="IPersonPager"/> with stored pages.
    /// </summary>
    public static IServiceCollection AddPaging(this IServiceCollection services)
    {
        services.TryAddSingleton<IOnCallConfigSource, UnconfiguredOnCall>();
        services.TryAddSingleton(OnCallAdmins.None);
        services.AddSingleton<OnCallAccess>();
        services.AddSingleton<PageStore>();
        services.AddSingleton<OverrideStore>();
        services.AddSingleton<Pager>();
        services.AddSingleton<PageResponses>();
        services.AddSingleton<StepTargetResolver>();
        services.AddSingleton<HandoffScheduler>();
        services.Replace(ServiceDescriptor.Singleton<IPersonPager, StoredPersonPager>());
        services.AddSingleton<IIncidentWorkPlanner, PageRoutingPlanner>();
        services.AddSingleton<IIncidentSummarySection, PagingSummarySection>();
        services.AddSingleton<IWorkHandler, PageRoutingWork>();
        services.AddSingleton<IWorkHandler, PageDeliveryWork>();
        services.AddSingleton<IWorkHandler, PageEscalationWork>();
        services.AddSingleton<IWorkHandler, HandoffNoticeWork>();
        services.AddSingleton<IActionHandler, AcknowledgePageAction>();
        services.AddSingleton<IActionHandler, EscalatePageAction>();
        services.AddSingleton<IActionHandler, DeclinePageAction>();
        services.AddSingleton<ICommandSyntax, OnCallSyntax>();
        services.AddSingleton<ICommandSyntax, OverrideSyntax>();
        services.AddSingleton<ICommandSyntax, PageSyntax>();
        services.AddSingleton<ICommandHandler, OnCallHandler>();
        services.AddSingleton<ICommandHandler, OnCallLoadHandler>();
        services.AddSingleton<ICommandHandler, OnCallCheckHandler>();
        services.AddSingleton<ICommandHandler, OverrideHandler>();
        services.AddSingleton<ICommandHandler, PageHandler>();
        return services;
    }
}
