using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.StepDialogs;
using IncidentBot.Teams.Cards;
using IncidentBot.Teams.Conversations;
using IncidentBot.Teams.Inbound;
using IncidentBot.Teams.Outbound;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Teams;

public static class TeamsRegistration
{
    /// <summary>
    /// Teams in and out. Without its settings the bot starts, logs what to set, and
    /// <c>/api/messages</c> answers 503; with them they are validated at start-up. In Development
    /// without an app id, the settings left empty get the Agents Playground's values.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TeamsOptions>, TeamsDevelopmentDefaults>());
        services.AddHttpClient();
        services.TryAddSingleton(provider => new StepDialogOptions(TimeSpan.FromMinutes(provider.GetRequiredService<IOptions<TeamsOptions>>().Value.DialogTimeoutMinutes)));
        services.AddStepDialogs();
        services.AddHostedService<TeamsStartupCheck>();
        // Off, the Bot Framework is neither loaded nor built: its assemblies and authentication cost idle memory (issue 12).
        if (IsConfigured(configuration, environment))
            services.AddBotFramework();
        return services;
    }

    /// <summary>Whether <see cref="TeamsOptions.IsConfigured"/> will hold: the section as bound, with the Development defaults.</summary>
    public static bool IsConfigured(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TeamsOptions();
        configuration.GetSection(TeamsOptions.SectionName).Bind(options);
        new TeamsDevelopmentDefaults(environment).PostConfigure(Options.DefaultName, options);
        return options.IsConfigured;
    }

    // Not inlined: compiling a method that names the Bot Framework's types loads its assemblies.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddBotFramework(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => new TeamsConnectorClients(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<BotFrameworkAuthentication>(provider => new TeamsSharedClientsAuthentication(
            CreateAuthentication(
                provider.GetRequiredService<IOptions<TeamsOptions>>().Value,
                provider.GetRequiredService<IHttpClientFactory>(),
                provider.GetRequiredService<ILoggerFactory>()),
            provider.GetRequiredService<TeamsConnectorClients>()));
        services.TryAddSingleton<TeamsAdapter>();
        services.TryAddSingleton<TeamsConnector>();
        services.TryAddSingleton<TeamsDirectory>();
        services.TryAddSingleton<TeamsRoster>();
        services.TryAddSingleton<TeamsNames>();
        services.TryAddSingleton<TeamsPersonalChats>();
        services.TryAddSingleton<TeamsIntake>();
        services.TryAddSingleton<TeamsMentions>();
        services.TryAddSingleton<TeamsResponder>();
        services.TryAddSingleton<TeamsCardActions>();
        services.TryAddSingleton<TeamsMessageTurns>();
        services.TryAddSingleton<TeamsBot>();
        services.TryAddSingleton<TeamsChatPlatform>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatPlatform, TeamsChatPlatform>(
            provider => provider.GetRequiredService<TeamsChatPlatform>()));
    }

    /// <summary><c>POST /api/messages</c>, the messaging endpoint registered in the Azure Bot.</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", TeamsMessagesEndpoint.HandleAsync).WithTags("Teams").DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// Bot Framework authentication from our settings: single-tenant with a password or a
    /// certificate; with no app id, anonymous (the endpoint then serves loopback only).
    /// </summary>
    private static ConfigurationBotFrameworkAuthentication CreateAuthentication(TeamsOptions options, IHttpClientFactory http, ILoggerFactory loggers)
    {
        var settings = new Dictionary<string, string?>
        {
            [MicrosoftAppCredentials.MicrosoftAppIdKey] = options.MicrosoftAppId,
            [MicrosoftAppCredentials.MicrosoftAppPasswordKey] = options.MicrosoftAppPassword,
            [MicrosoftAppCredentials.MicrosoftAppTenantIdKey] = options.TenantId,
            [MicrosoftAppCredentials.MicrosoftAppTypeKey] = options.IsAuthenticated ? "SingleTenant" : "MultiTenant",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        ServiceClientCredentialsFactory? credentials = null;
        if (options.IsAuthenticated && options.CertificatePath.Length > 0)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath,
                options.CertificatePassword.Length > 0 ? options.CertificatePassword : null);
            credentials = new CertificateServiceClientCredentialsFactory(certificate, options.MicrosoftAppId, options.TenantId,
                logger: loggers.CreateLogger<CertificateServiceClientCredentialsFactory>());
        }
        return new ConfigurationBotFrameworkAuthentication(configuration, credentials, httpClientFactory: http,
            logger: loggers.CreateLogger<ConfigurationBotFrameworkAuthentication>());
    }

    /// <summary>Says at start-up in which mode Teams runs, or what an operator still has to configure.</summary>
    private sealed class TeamsStartupCheck(IOptions<TeamsOptions> options, ILogger<TeamsStartupCheck> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var settings = options.Value;
            if (!settings.IsConfigured)
                logger.TeamsDisabled(settings.MissingSettingsMessage);
            else if (settings.IsAuthenticated)
                logger.AuthenticatedMode(settings.TenantId, settings.MicrosoftAppId);
            else
                logger.LocalMode(settings.TenantId);
            if (settings.UsesDevelopmentDefaults)
                logger.DevelopmentDefaults(settings.TenantId, settings.IncidentsChannelId, settings.AnnouncementChannelId, settings.ServiceUrl);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
