using System.Text;
using IncidentBot.Storage.Embedded;
using Microsoft.Data.Sqlite;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>The writer's statements on SQLite's own handle bind what SqliteCommand bound, and fail as it failed.</summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteStatementTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (k TEXT PRIMARY KEY, a TEXT, b TEXT, c INTEGER, d REAL, e TEXT)";
        create.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Empty_text_stays_empty_UTF_8_is_stored_as_text_and_a_name_the_statement_lacks_is_passed_over()
    {
        using var insert = SqliteStatement.Prepare(_connection, "INSERT INTO t (k, a, b, c, d, e) VALUES ($k, $a, $b, $c, $d, $e)");
        insert.Bind("$k", "one");
        insert.Bind("$a", "");
        insert.BindUtf8("$b", Encoding.UTF8.GetBytes("नेपाली 🚨"));
        insert.Bind("$c", (long?)null);
        insert.BindValue("$d", 2.5);
        insert.BindValue("$e", null);
        insert.Bind("$notInTheStatement", 7);

        Assert.Equal(1, insert.Execute());
        Assert.Equal(("text", "", "text", "नेपाली 🚨", "null", "real", 2.5, "null"), Row("one"));
    }

    [Fact]
    public void A_failed_step_throws_SQLites_error_and_the_statement_runs_again_afterwards()
    {
        using var insert = SqliteStatement.Prepare(_connection, "INSERT INTO t (k, c) VALUES ($k, $c)");
        insert.Bind("$k", "same");
        insert.Bind("$c", 1);
        Assert.Equal(1, insert.Execute());

        insert.Bind("$k", "same");
        var refused = Assert.Throws<SqliteException>(() => insert.Execute());
        Assert.Equal(19, refused.SqliteErrorCode); // SQLITE_CONSTRAINT

        insert.Bind("$k", "other");
        Assert.Equal(1, insert.Execute());
        using var exists = SqliteStatement.Prepare(_connection, "SELECT 1 FROM t WHERE k = $k");
        exists.Bind("$k", "other");
        Assert.Equal(1, exists.Execute());
        exists.Bind("$k", "none");
        Assert.Equal(0, exists.Execute());
    }

    private (string, string, string, string, string, string, double, string) Row(string key)
    {
        using var select = _connection.CreateCommand();
        select.CommandText = "SELECT typeof(a), a, typeof(b), b, typeof(c), typeof(d), d, typeof(e) FROM t WHERE k = $k";
        select.Parameters.AddWithValue("$k", key);
        using var reader = select.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetDouble(6), reader.GetString(7));
    }
}
