using IncidentBot.Dialogs.Storage;
using IncidentBot.Storage;
using IncidentBot.Storage.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>Start-up with the <c>Storage</c> section: a bad path stops the host, a good one gets a file.</summary>
public sealed class StorageRegistrationTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public StorageRegistrationTests()
    {
        Directory.CreateDirectory(_contentRoot);
        File.WriteAllText(Path.Combine(_contentRoot, "occupied"), "");
        Directory.CreateDirectory(Path.Combine(_contentRoot, "existing-directory"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("occupied/incidentbot.db")]
    [InlineData("existing-directory")]
    [InlineData("data/")]
    public async Task A_storage_path_the_store_cannot_use_fails_validation_at_start(string path)
    {
        using var host = BuildHost(path);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(_timeout.Token));

        Assert.Equal(typeof(StorageOptions), failure.OptionsType);
    }

    [Fact]
    public async Task A_relative_storage_path_becomes_a_file_under_the_content_root_at_start()
    {
        using var host = BuildHost("data/nested/incidentbot.db");

        await host.StartAsync(_timeout.Token);

        var expected = Path.Combine(_contentRoot, "data", "nested", "incidentbot.db");
        Assert.True(File.Exists(expected));
        var store = host.Services.GetRequiredService<IDocumentStore>();
        Assert.IsType<SqliteDocumentStore>(store);
        Assert.Equal(new StoreHealth(true, "embedded", expected), await store.CheckHealthAsync(_timeout.Token));
        await host.StopAsync(_timeout.Token);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task The_writer_writes_the_log_a_transaction_at_a_time_unless_the_setting_turns_it_off(string? setting, bool expected)
    {
        using var host = BuildHost("data/incidentbot.db", coalesceLogWrites: setting);

        await host.StartAsync(_timeout.Token);

        Assert.Equal(expected, host.Services.GetRequiredService<SqliteDocumentStore>().CoalescesLogWrites);
        await host.StopAsync(_timeout.Token);
    }

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_contentRoot, recursive: true);
    }

    private IHost BuildHost(string storagePath, string? coalesceLogWrites = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _contentRoot,
            DisableDefaults = true,
        });
        var settings = new Dictionary<string, string?> { ["Storage:Path"] = storagePath };
        if (coalesceLogWrites is not null)
            settings["Storage:CoalesceLogWrites"] = coalesceLogWrites;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddIncidentStorage(builder.Configuration);
        return builder.Build();
    }
}
