using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.IntegrationTests.Builders;

/// <summary>A declare with nothing alongside, for tests of numbering and the timeline.</summary>
internal static class IncidentStoreExtensions
{
    public static async Task<DeclareOutcome> DeclareAsync(this IncidentStore store, Incident draft, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await store.DeclareAsync(draft, at, receipt: null, alongside: null, cancellationToken)).Value;
}
