using IncidentBot.Teams;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Tests.Teams;

public sealed class TeamsDevelopmentDefaultsTests
{
    [Fact]
    public void In_Development_an_empty_section_gets_the_Playground_values()
    {
        var options = Apply("Development", new TeamsOptions());

        Assert.Equal(TeamsPlayground.DefaultTenantId, options.TenantId);
        Assert.Equal(TeamsPlayground.GeneralChannelId, options.IncidentsChannelId);
        Assert.Equal(TeamsPlayground.AnnouncementsChannelId, options.AnnouncementChannelId);
        Assert.Equal(TeamsPlayground.ServiceUrl, options.ServiceUrl);
        Assert.True(options.IsConfigured);
        Assert.False(options.IsAuthenticated);
        Assert.True(options.UsesDevelopmentDefaults);
        Assert.True(new TeamsOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void In_Development_what_is_configured_is_kept_and_only_the_rest_is_filled()
    {
        var options = Apply("Development", new TeamsOptions { IncidentsChannelId = "channel-incidents-id", ServiceUrl = "http://127.0.0.1:5005/" });

        Assert.Equal("channel-incidents-id", options.IncidentsChannelId);
        Assert.Equal("http://127.0.0.1:5005/", options.ServiceUrl);
        Assert.Equal(TeamsPlayground.DefaultTenantId, options.TenantId);
    }

    [Fact]
    public void In_Development_an_app_id_turns_the_defaults_off()
    {
        var options = Apply("Development", new TeamsOptions { MicrosoftAppId = Guid.NewGuid().ToString() });

        Assert.Equal("", options.TenantId);
        Assert.Equal("", options.IncidentsChannelId);
        Assert.Equal(TeamsOptions.PublicServiceUrl, options.ServiceUrl);
        Assert.False(options.UsesDevelopmentDefaults);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_Development_nothing_is_filled_and_Teams_stays_off(string environment)
    {
        var options = Apply(environment, new TeamsOptions());

        Assert.False(options.IsConfigured);
        Assert.Equal("", options.TenantId);
        Assert.False(options.UsesDevelopmentDefaults);
    }

    private static TeamsOptions Apply(string environment, TeamsOptions options)
    {
        new TeamsDevelopmentDefaults(new Environment(environment)).PostConfigure(null, options);
        return options;
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "IncidentBot";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
