using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Rules;
using IncidentBot.Slack;
using IncidentBot.Storage;
using IncidentBot.Storage.Cosmos;
using IncidentBot.Teams;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Demo;

/// <summary>
/// <c>IncidentBot seed-demo</c> (<c>dotnet run --project src/IncidentBot -- seed-demo</c>): fills the
/// store the bot would use with this configuration with a month of demo incidents ending now, in the
/// workspace Microsoft 365 Agents Playground uses, so the dashboard and <c>stats</c> show something on
/// day one. Writes only into a workspace without incidents, so running it again doubles nothing.
/// Exit codes: 0 written (or nothing to do), 1 wrong arguments or a failure, 2 refused: the store
/// is Cosmos DB and <c>--allow-cosmos</c> was not given.
/// </summary>
public static class SeedDemoCommand
{
    public const string Name = "seed-demo";

    /// <summary>Same seed, same now: the same month.</summary>
    public const int Seed = 19;

    public static bool IsInvoked(string[] args) => args is [Name, ..];

    /// <summary>Runs the command on the console; Ctrl+C cancels it.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await RunAsync(args, Console.Out, Console.Error, TimeProvider.System, cancel.Token);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);
        if (Parse(args) is not { } options)
        {
            await error.WriteLineAsync(
                $"usage: IncidentBot {Name} [--store <file.db>] [--workspace <id>] [--platform teams|slack] [--allow-cosmos] [--<Section>:<Key>=<value> ...]");
            return 1;
        }

        // The bot's own configuration sources (appsettings, the environment, the launch profile's
        // ASPNETCORE_ENVIRONMENT), so the file seeded is the file `dotnet run` opens.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = options.ConfigurationArgs });
        if (options.Store is { } store)
            builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Path)}"] = store;
        var isCosmos = CosmosRegistration.IsConfigured(builder.Configuration);
        if (isCosmos && !options.AllowCosmos)
        {
            await error.WriteLineAsync(
                $"{Name}: refused: the configured store is Cosmos DB (a Cosmos section is set), which may be a real deployment's. "
                + "Demo incidents would be mixed with real ones. Run it against the embedded store, or pass --allow-cosmos if this account is a test one.");
            return 2;
        }

        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider.System).AddIncidentRules().AddIncidentStorage(builder.Configuration);
        await using var app = builder.Build();
        // Only the store's own start-up (opening the file, creating the Cosmos container); not the web server.
        var starting = app.Services.GetServices<IHostedService>().Where(s => s.GetType().Assembly == typeof(SeedDemoCommand).Assembly).ToList();
        try
        {
            foreach (var service in starting)
                await service.StartAsync(cancellationToken);

            var where = isCosmos
                ? "Cosmos DB"
                : app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value
                    .FullPath(app.Services.GetRequiredService<StorageBaseDirectory>().Value);
            var month = new DemoMonth(
                app.Services.GetRequiredService<IDocumentStore>(),
                app.Services.GetRequiredService<IncidentRules>(),
                new ReplayClock(time.GetUtcNow()),
                options.Workspace,
                options.Platform,
                Seed);

            var existing = await month.CountExistingAsync(cancellationToken);
            if (existing > 0)
            {
                await output.WriteLineAsync(
                    $"Workspace {options.Workspace} in {where} already has {existing} incidents: nothing written. "
                    + "The demo month goes only into a workspace without incidents, so running it twice doubles nothing. "
                    + "To start over, stop the bot and delete that file, or seed another workspace with --workspace.");
                return 0;
            }

            var counts = await month.WriteAsync(cancellationToken);
            await output.WriteLineAsync(Summary(counts, options, where));
            return 0;
        }
        finally
        {
            foreach (var service in Enumerable.Reverse(starting))
                await service.StopAsync(CancellationToken.None);
        }
    }

    private static string Summary(DemoCounts counts, SeedOptions options, string where) =>
        $"""
        Seeded a demo month into workspace {options.Workspace} ({options.Platform}) in {where}:
          {counts.Incidents} incidents ({counts.OpenIncidents} open): {counts.RegulatorOrders} regulator orders, {counts.PartnerEscalations} partner escalations, {counts.TrendStorm} in the Nepali/Bhojpuri trend storm (NP, IN; ne, bho)
          {counts.Clocks} clocks: {counts.ClocksMet} met in time, {counts.ClocksBreached} breached, {counts.ClocksRunning} running
          {counts.Pages} pages ({counts.NightOrWeekendPages} at night or at the weekend)
          {counts.PostMortems} post-mortems, {counts.ActionItems} action items ({counts.OverdueActionItems} overdue)
          {counts.TimelineEvents} timeline events
        See it:
          dotnet run --project src/IncidentBot   (with Api__Keys__0=<a key> to sign in to the dashboard)
          http://localhost:3978/dashboard        (sign in with that key)
          `stats 30d`, `stats 30d by market`, `list` in the Playground's personal chat (docs/TRY.md)
        Running {Name} again writes nothing while the workspace has incidents.
        """;

    private static SeedOptions? Parse(string[] args)
    {
        var options = new SeedOptions();
        var configuration = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--store" when i + 1 < args.Length:
                    options = options with { Store = args[++i] };
                    break;
                case "--workspace" when i + 1 < args.Length:
                    options = options with { Workspace = args[++i] };
                    break;
                case "--platform" when i + 1 < args.Length && args[i + 1] is PlatformId.TeamsName or PlatformId.SlackName:
                    options = options with { Platform = args[++i] };
                    break;
                case "--allow-cosmos":
                    options = options with { AllowCosmos = true };
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains(':', StringComparison.Ordinal):
                    configuration.Add(setting);
                    if (!setting.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                        configuration.Add(args[++i]);
                    break;
                default:
                    return null;
            }
        }
        return options with { ConfigurationArgs = [.. configuration] };
    }

    private sealed record SeedOptions
    {
        public string? Store { get; init; }

        /// <summary>The Playground's tenant: a Teams workspace is its tenant, so the person trying the bot sees the demo.</summary>
        public string Workspace { get; init; } = TeamsPlayground.DefaultTenantId;

        public string Platform { get; init; } = PlatformId.TeamsName;

        public bool AllowCosmos { get; init; }

        public string[] ConfigurationArgs { get; init; } = [];
    }
}
