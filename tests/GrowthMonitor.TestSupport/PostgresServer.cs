using Npgsql;

namespace GrowthMonitor.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster: <c>initdb</c> into a temp directory and <c>pg_ctl</c> on a free loopback port,
/// run as the <c>postgres</c> user when the tests run as root (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string binDirectory;
    private readonly string directory;
    private readonly string? runAs;
    private readonly string password;

    private PostgresServer(string binDirectory, string directory, string? runAs, int port, string password)
    {
        this.binDirectory = binDirectory;
        this.directory = directory;
        this.runAs = runAs;
        this.password = password;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(directory, "data");

    /// <summary>The server's main process (the postmaster), whose children serve the connections.</summary>
    public int ProcessId => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<PostgresServer> StartAsync()
    {
        var binDirectory = FindBinDirectory();
        var runAs = ExternalProcess.IsRoot ? "postgres" : null;
        var directory = Directory.CreateTempSubdirectory("growthmonitor-postgres-").FullName;
        if (runAs is not null)
        {
            await ExternalProcess.RunAsync("chown", [runAs, directory]);
        }

        var password = Guid.NewGuid().ToString("N");
        var passwordFile = Path.Combine(directory, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password);
        if (runAs is not null)
        {
            await ExternalProcess.RunAsync("chown", [runAs, passwordFile]);
        }

        var port = ExternalProcess.FreeLoopbackPort();
        var server = new PostgresServer(binDirectory, directory, runAs, port, password);
        await ExternalProcess.RunAsync(Path.Combine(binDirectory, "initdb"),
            ["-D", server.DataDirectory, "-U", "postgres", $"--pwfile={passwordFile}", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"], runAs);
        Directory.CreateDirectory(Path.Combine(directory, "sock"));
        if (runAs is not null)
        {
            await ExternalProcess.RunAsync("chown", [runAs, Path.Combine(directory, "sock")]);
        }

        await server.StartAgainAsync();
        return server;
    }

    /// <param name="pooling">
    /// Off by default, so that a test's databases hold no idle connections; on as in production where a test is about
    /// what pooled connections go through (a restart of the server).
    /// </param>
    public string ConnectionString(string database, bool pooling = false) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Password = password, Database = database, Pooling = pooling }.ConnectionString;

    /// <summary>Creates an empty database, so that each test starts from a clean schema.</summary>
    /// <param name="nameEnding">Ends the database's generated name, e.g. <c>_demo</c> for a database demo mode accepts.</param>
    /// <param name="template">
    /// A database of this server to copy instead of an empty one (<c>CREATE DATABASE … TEMPLATE</c>); nothing may be
    /// connected to it.
    /// </param>
    public async Task<string> CreateDatabaseAsync(bool pooling = false, string nameEnding = "", string? template = null)
    {
        var name = NewDatabaseName() + nameEnding;
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(CreateStatement(name, template), connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name, pooling);
    }

    /// <summary>The same, for hosts that are configured synchronously.</summary>
    public string CreateDatabase(string? template = null)
    {
        var name = NewDatabaseName();
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand(CreateStatement(name, template), connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    private static string CreateStatement(string name, string? template) =>
        template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}";

    private static string NewDatabaseName() => "gm_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Runs a plain SQL dump (<c>pg_dump</c>'s default format) into the database, stopping at the first error.</summary>
    public Task LoadAsync(string connectionString, string file) =>
        ExternalProcess.RunAsync(Path.Combine(binDirectory, "psql"), ["-v", "ON_ERROR_STOP=1", "-q", "-f", file, Uri(connectionString)]);

    /// <summary>The backup of docs/operations.md: <c>pg_dump -Fc</c> of the database behind <paramref name="connectionString"/>.</summary>
    public Task DumpAsync(string connectionString, string file) =>
        ExternalProcess.RunAsync(Path.Combine(binDirectory, "pg_dump"), ["-Fc", "-f", file, Uri(connectionString)]);

    /// <summary>The restore of docs/operations.md: the database dropped, created empty, and <c>pg_restore --no-owner</c> into it.</summary>
    public async Task RestoreAsync(string connectionString, string file)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            // Two statements: DROP DATABASE may not share an (implicit) transaction.
            foreach (var statement in new[] { $"DROP DATABASE {name} WITH (FORCE)", $"CREATE DATABASE {name}" })
            {
                await using var command = new NpgsqlCommand(statement, connection);
                await command.ExecuteNonQueryAsync();
            }
        }

        await ExternalProcess.RunAsync(Path.Combine(binDirectory, "pg_restore"), ["--no-owner", "-d", Uri(connectionString), file]);
    }

    private string Uri(string connectionString) =>
        $"postgresql://postgres:{password}@127.0.0.1:{Port}/{new NpgsqlConnectionStringBuilder(connectionString).Database}";

    /// <summary>Stops the server as an operator's restart does (fast shutdown: every session is terminated).</summary>
    public Task StopAsync() =>
        ExternalProcess.RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], runAs);

    /// <summary>Starts the server (again) on its port with its data.</summary>
    public Task StartAgainAsync() =>
        ExternalProcess.RunAsync(Path.Combine(binDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(directory, "postgres.log"), "-w", "-t", "30",
             "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {directory}/sock -c fsync=off", "start"], runAs);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExternalProcess.RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], runAs);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string FindBinDirectory()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending()
            : Enumerable.Empty<string>();
        var initdb = ExternalProcess.FindExecutable("initdb", installed, "Install the PostgreSQL server: sudo apt-get install postgresql");
        // The installation's own folder, where pg_dump and pg_restore lie beside initdb, even when PATH has a link to it.
        return Path.GetDirectoryName(File.ResolveLinkTarget(initdb, returnFinalTarget: true)?.FullName ?? initdb)!;
    }
}
