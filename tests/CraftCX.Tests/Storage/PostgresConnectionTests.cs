using CraftCX.Silo.Storage;
using Npgsql;

namespace CraftCX.Tests.Storage;

/// <summary>The connection string the silo's PostgreSQL providers get from Storage:ConnectionString.</summary>
[Trait("Category", "Unit")]
public sealed class PostgresConnectionTests
{
    [Fact]
    public void Statements_are_prepared_unless_the_connection_string_says_otherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnection.Require(new StorageOptions { ConnectionString = "Host=db;Database=craftcx;Username=craftcx;Password=p;Maximum Pool Size=40" }));
        Assert.Equal(PostgresConnection.AutoPreparedStatements, tuned.MaxAutoPrepare);
        Assert.Equal(("db", "craftcx", "p", 40), (tuned.Host, tuned.Database, tuned.Password, tuned.MaxPoolSize));

        foreach (var given in new[] { "Host=db;Max Auto Prepare=0", "Host=db;MaxAutoPrepare=0", "Host=db;max auto prepare=0" })
        {
            Assert.Equal(0, new NpgsqlConnectionStringBuilder(PostgresConnection.Require(new StorageOptions { ConnectionString = given })).MaxAutoPrepare);
        }
    }
}
