using System.Text;
using Npgsql;

namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// The raw grain-state rows on PostgreSQL, for privacy claims that must not rest on the API: the payloads are
/// Orleans' binary format, in which strings (and the transcript codec's text) are plain UTF-8.
/// </summary>
internal static class StoredRows
{
    /// <summary>"state/key" of every row whose payload holds these bytes.</summary>
    public static List<string> Holding(string connectionString, byte[] needle)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT graintypestring, grainidextensionstring, payloadbinary FROM orleansstorage WHERE payloadbinary IS NOT NULL", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            if (((byte[])reader[2]).AsSpan().IndexOf(needle) >= 0)
            {
                rows.Add($"{reader[0]}/{(reader.IsDBNull(1) ? "" : reader[1])}");
            }
        }

        return rows;
    }

    public static List<string> Holding(string connectionString, string needle) => Holding(connectionString, Encoding.UTF8.GetBytes(needle));

    /// <summary>Rows with a payload of one state (the AdoNet provider files them under the state's name, e.g. "conversation").</summary>
    public static long Count(string connectionString, string stateName)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM orleansstorage WHERE graintypestring = @state AND payloadbinary IS NOT NULL", connection);
        command.Parameters.AddWithValue("state", stateName);
        return (long)command.ExecuteScalar()!;
    }
}
