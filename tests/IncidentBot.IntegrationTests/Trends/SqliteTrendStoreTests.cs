using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using IncidentBot.IntegrationTests.Storage;
using IncidentBot.Storage.Embedded;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary>The trend figures from SQL aggregates over the embedded file.</summary>
public sealed class SqliteTrendStoreTests(SqliteStoreFile file) : TrendStoreContract, IClassFixture<SqliteStoreFile>
{
    private SqliteDocumentStore? _store;

    protected override (IDocumentStore Documents, ITrendStore Trends) Open(TimeProvider clock)
    {
        _store = file.Open(clock);
        return (_store, new SqliteTrendStore(_store, clock));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _store?.Dispose();
        base.Dispose(disposing);
    }
}
