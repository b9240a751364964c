using Npgsql;

namespace CraftCX.Testing;

/// <summary>
/// A throwaway PostgreSQL server from the machine's server binaries: a temporary folder, a free loopback port,
/// durability switched off for speed, and everything removed afterwards. As root it runs as the postgres user,
/// since initdb refuses root. Tests get a fresh database each.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private string _dataDirectory = string.Empty;
    private string _binaries = string.Empty;
    private bool _asPostgresUser;

    public int Port { get; private set; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public async Task InitializeAsync()
    {
        _binaries = FindBinaries();
        _asPostgresUser = Environment.UserName == "root";
        _dataDirectory = Path.Combine(Path.GetTempPath(), "craftcx-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dataDirectory);
        if (_asPostgresUser)
        {
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", _dataDirectory]);
        }

        Port = FreePort.Next();
        await RunAsync("initdb", ["-D", _dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        var settings = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_dataDirectory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-o", settings, "start"]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped by a test.
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Maximum Pool Size=40;Timeout=5;Command Timeout=15";
    }

    /// <summary>Flushes the server's dirty pages and recycles its WAL, so that a measured run does not pay for the previous one's writes.</summary>
    public async Task CheckpointAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// CPU time the server has used so far: the postmaster, its reaped backends (its children's times) and the live
    /// ones. Linux only; zero elsewhere.
    /// </summary>
    public TimeSpan ServerCpuTime()
    {
        var pidFile = Path.Combine(_dataDirectory, "postmaster.pid");
        if (!OperatingSystem.IsLinux() || !File.Exists(pidFile))
        {
            return TimeSpan.Zero;
        }

        var postmaster = File.ReadLines(pidFile).First().Trim();
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var stat = Path.GetFileName(directory).All(char.IsAsciiDigit) ? ReadStat(Path.Combine(directory, "stat")) : null;
            if (stat is null)
            {
                continue;
            }

            // Fields after the command's closing parenthesis: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var pid = Path.GetFileName(directory);
            if (pid == postmaster)
            {
                ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[14], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (fields[1] == postmaster)
            {
                ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // Linux reports these in clock ticks of 1/100 s (USER_HZ) on every common build.
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>A plain-text <c>pg_dump</c> of one database, as an operator's backup would hold it (bytea as hex).</summary>
    public Task<string> DumpAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        return RunAsync("pg_dump", ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", database, "--no-owner"]);
    }

    /// <summary>Loads a plain <see cref="DumpAsync"/> into another (fresh) database, as restoring a backup would.</summary>
    public async Task RestoreAsync(string dump, string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var file = Path.Combine(Path.GetTempPath(), $"craftcx-restore-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, dump);
        if (!OperatingSystem.IsWindows())
        {
            // psql runs as the postgres user, which must read the file.
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        try
        {
            await RunAsync("psql", ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", database, "-q", "-v", "ON_ERROR_STOP=1", "-f", file]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Stops the server abruptly (fault injection); <see cref="StartAsync"/> brings it back on the same port.</summary>
    public Task StopAsync() => RunAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);

    public Task StartAsync() => RunAsync("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-o",
        $"-c listen_addresses=127.0.0.1 -p {Port} -k {_dataDirectory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"]);

    private static string? ReadStat(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private Task<string> RunAsync(string tool, string[] arguments)
    {
        var path = Path.Combine(_binaries, tool);
        return _asPostgresUser
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : ProcessRunner.RunAsync(path, arguments);
    }

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries are not installed (/usr/lib/postgresql/*/bin/initdb): run the README's test command (tests/run.sh), which installs them.");
    }
}
