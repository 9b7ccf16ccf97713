using IncidentBot.Storage;
using IncidentBot.Storage.Spool;

namespace IncidentBot.Tests.Deploy;

/// <summary>
/// The image `dotnet publish src/IncidentBot -t:PublishContainer` builds, read from MSBuild after
/// the SDK's own ComputeContainerConfig target ran (base image chosen, settings parsed) — the
/// image itself cannot be built here: the base image registry is out of reach.
/// </summary>
public sealed class ContainerImageTests(ContainerImageConfig image) : IClassFixture<ContainerImageConfig>
{
    /// <summary>The port the bot listens on in the container; compose and the Azure template rely on it.</summary>
    internal const int Port = 8080;

    [Fact]
    public void Runs_as_the_base_image_s_non_root_app_user()
    {
        Assert.Equal("1654", image.Property("ContainerUser"));
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble", image.Property("ContainerBaseImage"));
        Assert.Equal("incidentbot", image.Property("ContainerRepository"));
    }

    [Fact]
    public void Exposes_port_8080_and_makes_the_bot_listen_there_on_every_interface()
    {
        var port = Assert.Single(image.Items("ContainerPort"));
        Assert.Equal(Port.ToString(System.Globalization.CultureInfo.InvariantCulture), port.GetProperty("Identity").GetString());
        Assert.Equal("tcp", port.GetProperty("Type").GetString());
        var environment = image.Environment();
        // appsettings.json's Urls (localhost:3978) would beat ASPNETCORE_HTTP_PORTS; URLS beats appsettings.json.
        Assert.Equal($"http://+:{Port}", environment["URLS"]);
        Assert.Equal("", environment["ASPNETCORE_HTTP_PORTS"]);
    }

    [Fact]
    public void Keeps_the_embedded_store_and_the_declaration_spool_on_the_data_volume()
    {
        var environment = image.Environment();
        var store = new StorageOptions { Path = environment["Storage__Path"] };
        var spool = new SpoolOptions { Path = environment["Spool__Path"] };

        // The container's content root is /app; both paths must leave it for the volume.
        Assert.Equal("/data/incidentbot.db", store.FullPath("/app/"));
        Assert.Equal("/data/pending-declares.db", spool.FullPath("/app/"));
    }

    [Fact]
    public void Sets_only_settings_the_bot_reads()
    {
        Assert.All(image.Environment().Keys, name => Assert.True(BotSettingNames.IsKnown(name), $"{name} is not a setting of the bot"));
    }

    [Fact]
    public void Labels_the_image_with_its_title_and_description()
    {
        var labels = image.Items("ContainerLabel").ToDictionary(l => l.GetProperty("Identity").GetString()!, l => l.GetProperty("Value").GetString());
        Assert.Equal("IncidentBot", labels["org.opencontainers.image.title"]);
        Assert.StartsWith("Trust & Safety incident management", labels["org.opencontainers.image.description"], StringComparison.Ordinal);
    }
}
