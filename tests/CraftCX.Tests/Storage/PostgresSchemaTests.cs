using CraftCX.Silo.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;

namespace CraftCX.Tests.Storage;

/// <summary>Our own PostgreSQL scripts against the contract Orleans' ADO.NET providers read at run time.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests(PostgresServer postgres)
{
    private static readonly string[] QueryKeys =
    [
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task Migration_is_idempotent_and_registers_every_query_the_providers_read()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema");
        var migrator = new PostgresSchemaMigrator(NullLogger<PostgresSchemaMigrator>.Instance);
        await migrator.MigrateAsync(connectionString);
        await migrator.MigrateAsync(connectionString);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => migrator.MigrateAsync(connectionString)));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var keys = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT querykey FROM orleansquery ORDER BY querykey", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Equal(QueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        await using var history = new NpgsqlCommand("SELECT count(*) FROM craftcx_schema_history", connection);
        Assert.Equal(PostgresSchemaMigrator.Scripts().Count, Convert.ToInt32(await history.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task A_silo_on_postgres_joins_the_membership_table_and_round_trips_reminders()
    {
        var connectionString = await postgres.CreateDatabaseAsync("members");
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
        }, migrate: true);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var active = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE status = 3", connection);
            Assert.Equal(1, Convert.ToInt32(await active.ExecuteScalarAsync()));
        }

        var reminders = silo.App.Services.GetRequiredService<IReminderTable>();
        var grainId = GrainId.Create("test", "reminder-owner");
        var entry = new ReminderEntry { GrainId = grainId, ReminderName = "retention", StartAt = DateTime.UtcNow, Period = TimeSpan.FromDays(40) };
        var etag = await reminders.UpsertRow(entry) ?? throw new InvalidOperationException("no etag");
        var read = await reminders.ReadRow(grainId, "retention");
        Assert.Equal(etag, read!.ETag);
        Assert.Equal(TimeSpan.FromDays(40), read.Period);
        Assert.Single((await reminders.ReadRows(grainId)).Reminders);
        var hash = grainId.GetUniformHashCode();
        Assert.Single((await reminders.ReadRows(hash - 1, hash)).Reminders);
        Assert.Empty((await reminders.ReadRows(hash, hash + 1)).Reminders);
        Assert.False(await reminders.RemoveRow(grainId, "retention", "999"));
        Assert.True(await reminders.RemoveRow(grainId, "retention", etag));
        Assert.Null(await reminders.ReadRow(grainId, "retention"));
    }

    [Fact]
    public async Task The_write_query_gives_the_next_version_and_refuses_a_stale_or_second_first_write()
    {
        var connectionString = await postgres.CreateDatabaseAsync("writes");
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString);
        var storage = silo.App.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Tenants);
        var grainId = GrainId.Create("write-contract", "t-writes");

        // Large and repetitive, as a conversation's transcript is: compressible, and beyond the 2 KB TOAST threshold.
        var first = new GrainState<Dictionary<string, string>> { State = new() { ["text"] = string.Concat(Enumerable.Repeat("the order arrived late ", 400)) } };
        await storage.WriteStateAsync("contract", grainId, first);
        Assert.Equal("1", first.ETag);

        var racing = new GrainState<Dictionary<string, string>> { State = new() { ["text"] = "another activation" } };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("contract", grainId, racing));

        first.State["text"] += "and again";
        await storage.WriteStateAsync("contract", grainId, first);
        Assert.Equal("2", first.ETag);

        var stale = new GrainState<Dictionary<string, string>> { State = new() { ["text"] = "stale" }, ETag = "1", RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("contract", grainId, stale));

        var read = new GrainState<Dictionary<string, string>>();
        await storage.ReadStateAsync("contract", grainId, read);
        Assert.Equal("2", read.ETag);
        Assert.NotNull(read.State);
        Assert.Equal(first.State["text"], read.State["text"]);

        // In the raw table: one row at version 2, compressed with lz4 in the row itself, nothing in the TOAST table.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var row = new NpgsqlCommand("SELECT version, pg_column_compression(payloadbinary), octet_length(payloadbinary), pg_column_size(payloadbinary) FROM orleansstorage WHERE graintypestring = 'contract'", connection))
        await using (var reader = await row.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(2, reader.GetInt32(0));
            Assert.Equal("lz4", reader.GetString(1));
            Assert.True(reader.GetInt32(3) < reader.GetInt32(2) / 4, $"stored {reader.GetInt32(3)} B of {reader.GetInt32(2)} B");
            Assert.False(await reader.ReadAsync());
        }

        await using var toast = new NpgsqlCommand("SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = 'orleansstorage'", connection);
        var toastTable = (string)(await toast.ExecuteScalarAsync())!;
        await using var toasted = new NpgsqlCommand($"SELECT count(*) FROM {toastTable}", connection);
        Assert.Equal(0, Convert.ToInt32(await toasted.ExecuteScalarAsync()));
    }
}
