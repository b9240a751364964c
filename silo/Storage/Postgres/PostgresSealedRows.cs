using CraftCX.Encryption;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace CraftCX.Silo.Storage.Postgres;

/// <summary>
/// Finds rows sealed under an older key version by their header alone (the version sits at a fixed offset, in
/// big-endian bytes, so SQL's byte order is number order, after either magic); rows with neither were stored in
/// the clear.
/// </summary>
internal sealed class PostgresSealedRows(string connectionString, IOptions<ClusterOptions> cluster) : ISealedRows
{
    private const string Older = """
        FROM orleansstorage
        WHERE serviceid = @service
          AND starts_with(grainidextensionstring, @prefix)
          AND graintypestring = ANY(@states)
          AND payloadbinary IS NOT NULL
          AND (substring(payloadbinary from 1 for 4) NOT IN (@magic, @compressedMagic) OR substring(payloadbinary from 6 for 4) < @version)
        """;

    public async Task<IReadOnlyList<SealedRow>> ListOlderAsync(string tenant, int currentVersion, SealedRow? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT graintypestring, grainidextensionstring " + Older +
            " AND (grainidextensionstring, graintypestring) > (@afterKey, @afterState) ORDER BY grainidextensionstring, graintypestring LIMIT @limit",
            connection);
        AddFilter(command, tenant, currentVersion);
        command.Parameters.AddWithValue("afterKey", after?.Key ?? string.Empty);
        command.Parameters.AddWithValue("afterState", after?.StateName ?? string.Empty);
        command.Parameters.AddWithValue("limit", limit);
        var rows = new List<SealedRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SealedRow(reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    public async Task<long> CountOlderAsync(string tenant, int currentVersion, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) " + Older, connection);
        AddFilter(command, tenant, currentVersion);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private void AddFilter(NpgsqlCommand command, string tenant, int currentVersion)
    {
        command.Parameters.AddWithValue("service", cluster.Value.ServiceId);
        command.Parameters.AddWithValue("prefix", tenant + "/");
        command.Parameters.AddWithValue("states", SealedStates.Names.ToArray());
        command.Parameters.AddWithValue("magic", SealedPayload.Magic.ToArray());
        command.Parameters.AddWithValue("compressedMagic", SealedPayload.CompressedMagic.ToArray());
        command.Parameters.AddWithValue("version", SealedPayload.VersionBytes(currentVersion));
    }
}
