using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentBot.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace IncidentBot.Tests.Deploy;

/// <summary>
/// deploy/azure/main.bicep: it compiles offline with the linter on and nothing to say, and what
/// it would deploy (per the Bicep CLI's snapshot) is the several-instance set-up of issue 16,
/// with every secret in Key Vault. No Azure subscription is reachable from here: nothing was deployed.
/// </summary>
public sealed partial class AzureTemplateTests(BicepTemplate bicep) : IClassFixture<BicepTemplate>
{
    private const string CosmosDataContributor = "00000000-0000-0000-0000-000000000002";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

    private BicepSnapshot[] Both => [bicep.ExampleParameters, bicep.SocketModeAndTeams];

    [Fact]
    public void Compiles_and_lints_offline_with_no_warning()
    {
        Assert.True(bicep.Build.Errors.Length == 0, bicep.Build.Describe());
        Assert.True(bicep.Lint.ExitCode == 0 && bicep.Lint.Output.Length == 0 && bicep.Lint.Errors.Length == 0, bicep.Lint.Describe());
        Assert.All(Both, snapshot => Assert.Empty(snapshot.Diagnostics));
    }

    [Fact]
    public void Declares_every_resource_of_the_deployment()
    {
        var types = ResourceTypes(bicep.Template).ToHashSet(StringComparer.OrdinalIgnoreCase);

        string[] expected =
        [
            "Microsoft.App/managedEnvironments", "Microsoft.App/containerApps",
            "Microsoft.DocumentDB/databaseAccounts", "Microsoft.DocumentDB/databaseAccounts/sqlDatabases",
            "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers", "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments",
            "Microsoft.Cache/redis", "Microsoft.BotService/botServices", "Microsoft.BotService/botServices/channels",
            "Microsoft.KeyVault/vaults", "Microsoft.KeyVault/vaults/secrets", "Microsoft.ManagedIdentity/userAssignedIdentities",
            "Microsoft.Authorization/roleAssignments", "Microsoft.Insights/components", "Microsoft.OperationalInsights/workspaces",
        ];
        Assert.All(expected, type => Assert.Contains(type, types));
    }

    [Fact]
    public void Stores_incidents_in_a_serverless_container_partitioned_on_workspace_id_with_ttl_on_and_the_bot_s_indexes()
    {
        var snapshot = bicep.ExampleParameters;
        var account = snapshot.Resource("Microsoft.DocumentDB/databaseAccounts").GetProperty("properties");
        Assert.Contains(account.GetProperty("capabilities").EnumerateArray(), c => c.GetProperty("name").GetString() == "EnableServerless");
        var container = snapshot.Resource("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers").GetProperty("properties").GetProperty("resource");
        var schema = CosmosContainerSchema.Properties("incidents");

        Assert.Equal("incidentbot", snapshot.Resource("Microsoft.DocumentDB/databaseAccounts/sqlDatabases").GetProperty("properties").GetProperty("resource").GetProperty("id").GetString());
        Assert.Equal("incidents", container.GetProperty("id").GetString());
        Assert.Equal([CosmosContainerSchema.PartitionKeyPath], container.GetProperty("partitionKey").GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("/workspaceId", CosmosContainerSchema.PartitionKeyPath);
        Assert.Equal(-1, container.GetProperty("defaultTtl").GetInt32());
        Assert.Equal(schema.DefaultTimeToLive, container.GetProperty("defaultTtl").GetInt32());
        // With Cosmos:CreateIfNotExists=false the bot does not create the container: the template must lay it out as the bot would.
        Assert.Equal(
            schema.IndexingPolicy.CompositeIndexes.Select(Describe).Order(StringComparer.Ordinal),
            container.GetProperty("indexingPolicy").GetProperty("compositeIndexes").EnumerateArray().Select(Describe).Order(StringComparer.Ordinal));
        // The same indexes as the properties the product orders by (DocumentPath names, resolved on the stored JSON).
        Assert.Equal(
            CosmosContainerSchema.OrderedBy.Select(path => $"/{path.Name} ascending, /id ascending").Order(StringComparer.Ordinal),
            container.GetProperty("indexingPolicy").GetProperty("compositeIndexes").EnumerateArray().Select(Describe).Order(StringComparer.Ordinal));
        var environment = snapshot.Environment;
        Assert.Equal("incidentbot", Value(environment["Cosmos__Database"]));
        Assert.Equal("incidents", Value(environment["Cosmos__Container"]));
        Assert.Equal("false", Value(environment["Cosmos__CreateIfNotExists"]));
    }

    [Fact]
    public void The_bot_signs_in_to_cosmos_db_with_its_managed_identity_because_the_account_has_no_keys()
    {
        var snapshot = bicep.ExampleParameters;
        var account = snapshot.Resource("Microsoft.DocumentDB/databaseAccounts");
        Assert.True(account.GetProperty("properties").GetProperty("disableLocalAuth").GetBoolean());
        var environment = snapshot.Environment;
        Assert.Contains("Cosmos__Endpoint", environment.Keys);
        Assert.DoesNotContain("Cosmos__Key", environment.Keys);
        Assert.DoesNotContain("Cosmos__ConnectionString", environment.Keys);
        // DefaultAzureCredential picks the user-assigned identity by its client id.
        Assert.Contains("identities/incidentbot-identity", Value(environment["AZURE_CLIENT_ID"]), StringComparison.OrdinalIgnoreCase);

        var role = snapshot.Resource("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments").GetProperty("properties");
        Assert.Equal($"{account.GetProperty("id").GetString()}/sqlRoleDefinitions/{CosmosDataContributor}", role.GetProperty("roleDefinitionId").GetString());
        Assert.Equal(account.GetProperty("id").GetString(), role.GetProperty("scope").GetString());
        Assert.Contains("incidentbot-identity", role.GetProperty("principalId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_two_replicas_by_default_behind_https_ingress_on_the_image_s_port()
    {
        var app = bicep.SocketModeAndTeams.Resource("Microsoft.App/containerApps").GetProperty("properties");
        var scale = app.GetProperty("template").GetProperty("scale");
        Assert.Equal(2, scale.GetProperty("minReplicas").GetInt32());
        Assert.Equal(2, scale.GetProperty("maxReplicas").GetInt32());
        var ingress = app.GetProperty("configuration").GetProperty("ingress");
        Assert.True(ingress.GetProperty("external").GetBoolean());
        Assert.False(ingress.GetProperty("allowInsecure").GetBoolean());
        Assert.Equal(ContainerImageTests.Port, ingress.GetProperty("targetPort").GetInt32());
    }

    [Fact]
    public void Probes_liveness_on_healthz_and_readiness_on_readyz()
    {
        var probes = bicep.ExampleParameters.Container.GetProperty("probes").EnumerateArray()
            .ToDictionary(p => p.GetProperty("type").GetString()!, p => p.GetProperty("httpGet"));

        Assert.Equal("/healthz", probes["Liveness"].GetProperty("path").GetString());
        Assert.Equal("/readyz", probes["Readiness"].GetProperty("path").GetString());
        Assert.Equal("/healthz", probes["Startup"].GetProperty("path").GetString());
        Assert.All(probes.Values, probe => Assert.Equal(ContainerImageTests.Port, probe.GetProperty("port").GetInt32()));
    }

    [Fact]
    public void Every_secret_comes_from_key_vault_through_the_bot_s_identity_and_no_setting_holds_one()
    {
        foreach (var snapshot in Both)
        {
            var app = snapshot.Resource("Microsoft.App/containerApps");
            var identity = Assert.Single(app.GetProperty("identity").GetProperty("userAssignedIdentities").EnumerateObject()).Name;
            var secrets = app.GetProperty("properties").GetProperty("configuration").GetProperty("secrets").EnumerateArray().ToList();
            Assert.All(secrets, secret =>
            {
                Assert.False(secret.TryGetProperty("value", out _), $"secret {secret.GetProperty("name")} has a value in the app");
                Assert.Matches(
                    $@"^\[format\('\{{0\}}secrets/\{{1\}}', reference\('[^']*/providers/Microsoft\.KeyVault/vaults/[^']+', '[^']+'\)\.vaultUri, '{secret.GetProperty("name").GetString()}'\)\]$",
                    secret.GetProperty("keyVaultUrl").GetString());
                Assert.Equal(identity, secret.GetProperty("identity").GetString());
            });

            var environment = snapshot.Environment;
            foreach (var (name, setting) in environment.Where(e => SecretSetting().IsMatch(e.Key)))
            {
                Assert.False(setting.TryGetProperty("value", out _), $"{name} is a plain value");
                Assert.Contains(secrets, s => s.GetProperty("name").GetString() == setting.GetProperty("secretRef").GetString());
            }
            var mountedFiles = app.GetProperty("properties").GetProperty("template").GetProperty("volumes").EnumerateArray()
                .Where(v => v.GetProperty("storageType").GetString() == "Secret")
                .SelectMany(v => v.GetProperty("secrets").EnumerateArray().Select(s => s.GetProperty("secretRef").GetString()));
            var referenced = environment.Values.Where(e => e.TryGetProperty("secretRef", out _)).Select(e => e.GetProperty("secretRef").GetString())
                .Concat(mountedFiles).ToHashSet();
            Assert.All(secrets, secret => Assert.Contains(secret.GetProperty("name").GetString(), referenced));
        }
    }

    [Fact]
    public void Slack_over_request_urls_reads_the_signing_secret_and_the_bot_token()
    {
        var environment = bicep.ExampleParameters.Environment;

        Assert.Equal("slack-signing-secret", SecretRef(environment["Slack__SigningSecret"]));
        Assert.Equal("slack-bot-token", SecretRef(environment["Slack__BotToken"]));
        Assert.DoesNotContain("Slack__AppToken", environment.Keys);
    }

    [Fact]
    public void Slack_in_socket_mode_reads_the_app_token_and_the_bot_token_and_no_signing_secret()
    {
        var environment = bicep.SocketModeAndTeams.Environment;

        Assert.Equal("slack-app-token", SecretRef(environment["Slack__AppToken"]));
        Assert.Equal("slack-bot-token", SecretRef(environment["Slack__BotToken"]));
        Assert.DoesNotContain("Slack__SigningSecret", environment.Keys);
    }

    [Fact]
    public void Jobs_run_on_redis_whose_connection_string_goes_from_the_cache_into_key_vault()
    {
        var snapshot = bicep.ExampleParameters;
        var environment = snapshot.Environment;
        Assert.Equal("Redis", Value(environment["Jobs__Storage"]));
        Assert.Equal("redis-connection-string", SecretRef(environment["Jobs__Redis__ConnectionString"]));

        var redis = snapshot.Resource("Microsoft.Cache/redis");
        Assert.False(redis.GetProperty("properties").GetProperty("enableNonSslPort").GetBoolean());
        var secret = Assert.Single(snapshot.Resources("Microsoft.KeyVault/vaults/secrets"), s => s.GetProperty("name").GetString()!.EndsWith("/redis-connection-string", StringComparison.Ordinal));
        var value = secret.GetProperty("properties").GetProperty("value").GetString()!;
        Assert.Contains($"listKeys('{redis.GetProperty("id").GetString()}'", value, StringComparison.Ordinal);
        Assert.Contains("ssl=True", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_gets_a_single_tenant_azure_bot_with_the_teams_channel_and_the_bot_its_settings()
    {
        var snapshot = bicep.SocketModeAndTeams;
        var bot = snapshot.Resource("Microsoft.BotService/botServices").GetProperty("properties");
        Assert.Equal("SingleTenant", bot.GetProperty("msaAppType").GetString());
        Assert.Equal(BicepTemplate.SocketModeWithTeams["teamsAppId"], bot.GetProperty("msaAppId").GetString());
        Assert.Equal(BicepTemplate.TenantId, bot.GetProperty("msaAppTenantId").GetString());
        Assert.Matches(@"^\[format\('\{0\}/api/messages', format\('https://\{0\}', reference\('[^']*/containerApps/incidentbot'", bot.GetProperty("endpoint").GetString());
        var channel = snapshot.Resource("Microsoft.BotService/botServices/channels").GetProperty("properties");
        Assert.Equal("MsTeamsChannel", channel.GetProperty("channelName").GetString());
        Assert.True(channel.GetProperty("properties").GetProperty("isEnabled").GetBoolean());

        var environment = snapshot.Environment;
        Assert.Equal(BicepTemplate.SocketModeWithTeams["teamsAppId"], Value(environment["Teams__MicrosoftAppId"]));
        Assert.Equal(BicepTemplate.TenantId, Value(environment["Teams__TenantId"]));
        Assert.Equal("19:incidents@thread.tacv2", Value(environment["Teams__IncidentsChannelId"]));
        Assert.Equal("19:announcements@thread.tacv2", Value(environment["Teams__AnnouncementChannelId"]));
        Assert.Equal("teams-app-password", SecretRef(environment["Teams__MicrosoftAppPassword"]));
    }

    [Fact]
    public void Without_a_teams_app_id_there_is_no_azure_bot_and_no_teams_setting()
    {
        var snapshot = bicep.ExampleParameters;

        Assert.Empty(snapshot.Resources("Microsoft.BotService/botServices"));
        Assert.DoesNotContain(snapshot.Environment.Keys, name => name.StartsWith("Teams__", StringComparison.Ordinal));
    }

    [Fact]
    public void Key_vault_authorises_by_role_the_bot_to_read_secrets_and_the_operator_to_set_them()
    {
        var snapshot = bicep.SocketModeAndTeams;
        var vault = snapshot.Resource("Microsoft.KeyVault/vaults");
        Assert.True(vault.GetProperty("properties").GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.True(vault.GetProperty("properties").GetProperty("enablePurgeProtection").GetBoolean());

        var onVault = snapshot.Resources("Microsoft.Authorization/roleAssignments").Select(r => r.GetProperty("properties"))
            .Where(r => r.GetProperty("roleDefinitionId").GetString()!.Contains("/roleDefinitions/", StringComparison.Ordinal)).ToList();
        var reader = Assert.Single(onVault, r => r.GetProperty("roleDefinitionId").GetString()!.EndsWith(KeyVaultSecretsUser, StringComparison.Ordinal));
        Assert.Contains("incidentbot-identity", reader.GetProperty("principalId").GetString(), StringComparison.Ordinal);
        var officer = Assert.Single(onVault, r => r.GetProperty("roleDefinitionId").GetString()!.EndsWith(KeyVaultSecretsOfficer, StringComparison.Ordinal));
        Assert.Equal(BicepTemplate.SocketModeWithTeams["operatorPrincipalId"], officer.GetProperty("principalId").GetString());
        Assert.Equal("incidents-api-key", SecretRef(snapshot.Environment["Api__Keys__0"]));
    }

    [Fact]
    public void Pulls_the_image_from_the_registry_with_the_bot_s_identity()
    {
        var snapshot = bicep.ExampleParameters;
        var registry = BicepTemplate.ExampleParameterFile()["containerRegistryName"].GetString()!;

        var pull = Assert.Single(snapshot.Resources("Microsoft.Authorization/roleAssignments"),
            r => r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.EndsWith(AcrPull, StringComparison.Ordinal));
        Assert.Contains($"/registries/{registry}/providers/Microsoft.Authorization/roleAssignments/", pull.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Contains("incidentbot-identity", pull.GetProperty("properties").GetProperty("principalId").GetString(), StringComparison.Ordinal);
        Assert.Equal(BicepTemplate.ExampleParameterFile()["containerImage"].GetString(), snapshot.Container.GetProperty("image").GetString());
        // The registry's login server comes from environment(), which only a deployment evaluates.
        Assert.Contains($"'{registry}', environment().suffixes.acrLoginServer", Raw(snapshot.Resource("Microsoft.App/containerApps").GetProperty("properties").GetProperty("configuration").GetProperty("registries")), StringComparison.Ordinal);
    }

    [Fact]
    public void Traces_and_logs_go_to_application_insights_through_the_managed_opentelemetry_agent()
    {
        var environment = bicep.ExampleParameters.Resource("Microsoft.App/managedEnvironments").GetProperty("properties");
        var telemetry = environment.GetProperty("openTelemetryConfiguration");

        Assert.Equal(["appInsights"], telemetry.GetProperty("tracesConfiguration").GetProperty("destinations").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["appInsights"], telemetry.GetProperty("logsConfiguration").GetProperty("destinations").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("/components/incidentbot-insights-", environment.GetProperty("appInsightsConfiguration").GetProperty("connectionString").GetString(), StringComparison.Ordinal);
        Assert.Equal("log-analytics", environment.GetProperty("appLogsConfiguration").GetProperty("destination").GetString());
        var insights = bicep.ExampleParameters.Resource("Microsoft.Insights/components").GetProperty("properties");
        Assert.Contains("/workspaces/incidentbot-logs-", insights.GetProperty("WorkspaceResourceId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_each_replica_s_declaration_spool_on_a_local_data_volume()
    {
        var snapshot = bicep.ExampleParameters;
        var mount = Assert.Single(snapshot.Container.GetProperty("volumeMounts").EnumerateArray());
        Assert.Equal("/data", mount.GetProperty("mountPath").GetString());
        var volume = Assert.Single(snapshot.Resource("Microsoft.App/containerApps").GetProperty("properties").GetProperty("template").GetProperty("volumes").EnumerateArray());
        Assert.Equal(mount.GetProperty("volumeName").GetString(), volume.GetProperty("name").GetString());
        Assert.Equal("EmptyDir", volume.GetProperty("storageType").GetString());
    }

    [Fact]
    public void Mounts_the_on_call_and_policy_files_from_key_vault_where_the_bot_reads_them()
    {
        var snapshot = bicep.SocketModeAndTeams;
        var volume = Assert.Single(snapshot.Resource("Microsoft.App/containerApps").GetProperty("properties").GetProperty("template").GetProperty("volumes").EnumerateArray(),
            v => v.GetProperty("storageType").GetString() == "Secret");
        var files = volume.GetProperty("secrets").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("secretRef").GetString());
        var mount = Assert.Single(snapshot.Container.GetProperty("volumeMounts").EnumerateArray(), m => m.GetProperty("volumeName").GetString() == volume.GetProperty("name").GetString());

        Assert.Equal("oncall-yaml", files["oncall.yaml"]);
        Assert.Equal("policies-yaml", files["policies.yaml"]);
        var directory = mount.GetProperty("mountPath").GetString();
        Assert.Equal($"{directory}/oncall.yaml", Value(snapshot.Environment["OnCall__ConfigPath"]));
        Assert.Equal($"{directory}/policies.yaml", Value(snapshot.Environment["Policies__ConfigPath"]));
        Assert.DoesNotContain("OnCall__ConfigPath", bicep.ExampleParameters.Environment.Keys);
    }

    [Fact]
    public void Sets_only_settings_the_bot_reads()
    {
        foreach (var snapshot in Both)
            Assert.All(snapshot.Environment.Keys, name => Assert.True(BotSettingNames.IsKnown(name), $"{name} is not a setting of the bot"));
    }

    [Fact]
    public void Outputs_the_urls_for_the_slack_manifest_the_teams_package_and_the_azure_bot()
    {
        var outputs = bicep.Template.GetProperty("outputs");

        const string fqdn = "reference(resourceId('Microsoft.Resources/deployments', 'containerapp'), '2025-04-01').outputs.fqdn.value";
        Assert.Equal($"[format('https://{{0}}', {fqdn})]", outputs.GetProperty("botUrl").GetProperty("value").GetString());
        Assert.Equal($"[{fqdn}]", outputs.GetProperty("botHost").GetProperty("value").GetString());
        Assert.Equal($"[format('{{0}}/api/messages', format('https://{{0}}', {fqdn}))]", outputs.GetProperty("teamsMessagingEndpoint").GetProperty("value").GetString());
        Assert.True(outputs.TryGetProperty("keyVaultName", out _));
    }

    [Fact]
    public void The_example_parameters_file_gives_every_required_parameter_and_no_secret()
    {
        var declared = bicep.Template.GetProperty("parameters");
        var example = BicepTemplate.ExampleParameterFile();

        Assert.All(example.Keys, name => Assert.True(declared.TryGetProperty(name, out _), $"{name} is not a parameter of main.bicep"));
        foreach (var parameter in declared.EnumerateObject())
        {
            var type = parameter.Value.GetProperty("type").GetString();
            if (type is "securestring" or "secureObject")
                Assert.DoesNotContain(parameter.Name, example.Keys);
            else if (!parameter.Value.TryGetProperty("defaultValue", out _))
                Assert.Contains(parameter.Name, example.Keys);
        }
        string[] secure = ["slackAppToken", "slackBotToken", "slackSigningSecret", "teamsAppPassword", "incidentsApiKey"];
        Assert.Equal(secure.Order(StringComparer.Ordinal),
            declared.EnumerateObject().Where(p => p.Value.GetProperty("type").GetString() == "securestring").Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>Resource types of a template and of the templates of its nested deployments (modules).</summary>
    private static IEnumerable<string> ResourceTypes(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        foreach (var resource in resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray())
        {
            var type = resource.GetProperty("type").GetString()!;
            if (type != "Microsoft.Resources/deployments")
                yield return type;
            else
                foreach (var nested in ResourceTypes(resource.GetProperty("properties").GetProperty("template")))
                    yield return nested;
        }
    }

    private static string Describe(IEnumerable<CompositePath> index) =>
        string.Join(", ", index.Select(p => $"{p.Path} {(p.Order == CompositePathSortOrder.Ascending ? "ascending" : "descending")}"));

    private static string Describe(JsonElement index) =>
        string.Join(", ", index.EnumerateArray().Select(p => $"{p.GetProperty("path").GetString()} {p.GetProperty("order").GetString()}"));

    private static string Value(JsonElement setting) => setting.GetProperty("value").GetString()!;

    private static string SecretRef(JsonElement setting) => setting.GetProperty("secretRef").GetString()!;

    private static string Raw(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    /// <summary>Setting names that carry a secret: tokens, passwords, keys, connection strings.</summary>
    [GeneratedRegex(@"(Secret|Token|Password|Key|Keys__\d+|ConnectionString)$")]
    private static partial Regex SecretSetting();
}
