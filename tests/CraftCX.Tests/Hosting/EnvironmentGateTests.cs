using System.Text.Json;
using CraftCX.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CraftCX.Tests.Hosting;

/// <summary>
/// The embedded broker, the demo producer and the demo tenant are the Development environment's; Production with a
/// setting missing refuses to start and names it.
/// </summary>
public sealed class EnvironmentGateTests
{
    private static readonly string[] Ports =
    [
        "--Urls=http://127.0.0.1:0",
        "--Orleans:SiloPort=" + FreePort.Next(),
        "--Orleans:GatewayPort=" + FreePort.Next(),
        "--Orleans:ClusterId=gate-" + Guid.NewGuid().ToString("N"),
    ];

    [Fact]
    public async Task Production_without_a_broker_list_does_not_start_the_embedded_broker_and_names_the_setting()
    {
        await using var app = CraftCXSiloHost.Build([.. Ports, "--environment=Production", "--Kafka:BootstrapServers=", "--Privacy:IndexKey=" + RunningSilo.PrivacyIndexKey, "--Auth:TokenSigningKey=" + RunningSilo.TokenSigningKey]);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Kafka:BootstrapServers", error.Message);
        Assert.Contains("Kafka:EmbeddedBroker:Enabled", error.Message);
        Assert.Null(app.Services.GetRequiredService<Silo.Kafka.KafkaBootstrap>().Embedded);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("c2hvcnQ=", "at least 32 bytes")]
    [InlineData("not base64!", "at least 32 bytes")]
    public async Task Production_without_a_usable_signing_key_refuses_to_start(string key, string expected)
    {
        await using var app = CraftCXSiloHost.Build([.. Ports, "--environment=Production", "--Kafka:BootstrapServers=127.0.0.1:1", "--Privacy:IndexKey=" + RunningSilo.PrivacyIndexKey, "--Auth:TokenSigningKey=" + key]);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Auth:TokenSigningKey", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("c2hvcnQ=", "at least 32 bytes")]
    public async Task Production_without_a_usable_privacy_index_key_refuses_to_start(string key, string expected)
    {
        await using var app = CraftCXSiloHost.Build([.. Ports, "--environment=Production", "--Kafka:BootstrapServers=127.0.0.1:1", "--Auth:TokenSigningKey=" + RunningSilo.TokenSigningKey, "--Privacy:IndexKey=" + key]);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Privacy:IndexKey", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Production_with_several_settings_missing_names_every_one_of_them()
    {
        await using var app = CraftCXSiloHost.Build([.. Ports, "--environment=Production", "--Kafka:BootstrapServers=127.0.0.1:1", "--Auth:TokenSigningKey=", "--Privacy:IndexKey="]);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        Assert.True(Silo.Hosting.SettingsFailures.TryDescribe(error, out var failures), error.ToString());
        Assert.Contains(failures, f => f.StartsWith("Auth:TokenSigningKey", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Privacy:IndexKey", StringComparison.Ordinal));
        Assert.False(Silo.Hosting.SettingsFailures.TryDescribe(new AggregateException(error, new InvalidOperationException("boom")), out _));
    }

    [Fact]
    public void The_defaults_run_no_demo_and_the_launch_profile_is_the_development_environment()
    {
        var silo = Path.Combine(RepositoryRoot.Find() ?? throw new DirectoryNotFoundException("CraftCX.sln not found above the test output."), "silo");
        using var production = JsonDocument.Parse(File.ReadAllText(Path.Combine(silo, "appsettings.json")));
        Assert.False(production.RootElement.GetProperty("Demo").GetProperty("Enabled").GetBoolean());
        Assert.Equal(string.Empty, production.RootElement.GetProperty("Auth").GetProperty("DemoTenant").GetString());

        using var development = JsonDocument.Parse(File.ReadAllText(Path.Combine(silo, "appsettings.Development.json")));
        Assert.True(development.RootElement.GetProperty("Demo").GetProperty("Enabled").GetBoolean());
        Assert.Equal("demo", development.RootElement.GetProperty("Auth").GetProperty("DemoTenant").GetString());

        // `dotnet run --project silo` takes the first profile.
        using var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(silo, "Properties", "launchSettings.json")));
        var first = launch.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        Assert.Equal("Development", first.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
    }

    [Theory]
    [InlineData("broker-without-a-port", "'broker-without-a-port'")]
    [InlineData("kafka:9092, kafka2:99999", "'kafka2:99999'")]
    [InlineData(":9092", "':9092'")]
    public async Task A_broker_list_that_is_not_host_port_names_the_bad_entries(string brokers, string named)
    {
        await using var app = CraftCXSiloHost.Build([.. Ports, "--environment=Production", "--Kafka:BootstrapServers=" + brokers, "--Privacy:IndexKey=" + RunningSilo.PrivacyIndexKey, "--Auth:TokenSigningKey=" + RunningSilo.TokenSigningKey]);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        Assert.True(Silo.Hosting.SettingsFailures.TryDescribe(error, out var failures), error.ToString());
        var failure = Assert.Single(failures, f => f.StartsWith("Kafka:BootstrapServers", StringComparison.Ordinal));
        Assert.Contains(named, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("kafka:9092'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_broker_lists_with_schemes_and_ipv6_pass()
    {
        var validator = new Silo.Kafka.KafkaOptionsValidator(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });
        Assert.True(validator.Validate(null, new Silo.Kafka.KafkaOptions { BootstrapServers = "PLAINTEXT://kafka-0.kafka:9092,[::1]:9093, 10.0.0.7:9094" }).Succeeded);
    }

    [Theory]
    [InlineData("Host=db;Port=5432;Database=craftcx;Password=s3cr3t-value;=oops", "does not parse")]
    [InlineData("Port=5432;Database=craftcx;Password=s3cr3t-value", "names no Host")]
    [InlineData("", "is empty")]
    public void A_postgres_connection_string_that_cannot_be_used_is_named_and_its_password_is_not_repeated(string connectionString, string expected)
    {
        var error = Assert.ThrowsAny<Exception>(() => CraftCXSiloHost.Build([.. Ports, "--Storage:Provider=Postgres", "--Storage:ConnectionString=" + connectionString]));
        Assert.True(Silo.Hosting.SettingsFailures.TryDescribe(error, out var failures), error.ToString());
        var failure = Assert.Single(failures);
        Assert.StartsWith("Storage:", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Aggregation:FlushInterval", "00:00:00")]
    [InlineData("Aggregation:HistorySweepInterval", "00:00:00.500")]
    [InlineData("Ingestion:CommitInterval", "-00:00:01")]
    [InlineData("Ingestion:Import:MaxInFlight", "0")]
    [InlineData("Ingestion:Contract:MaxEventBytes", "10")]
    [InlineData("Kafka:EmbeddedBroker:Partitions", "0")]
    [InlineData("Kafka:SessionTimeout", "02:00:00")]
    [InlineData("Retention:SweepInterval", "00:00:30")]
    [InlineData("PeerBenchmarks:MaxTenantShare", "1")]
    [InlineData("Ai:CircuitBreakDuration", "00:00:00.100")]
    [InlineData("Ai:MinConfidence", "1.5")]
    [InlineData("Live:Tick", "00:00:00")]
    [InlineData("Api:RateLimit:Burst", "0")]
    [InlineData("Scoring:ScorecardRefreshInterval", "-00:00:01")]
    [InlineData("Conversations:MaxTranscriptMessages", "0")]
    [InlineData("Reviews:CalibrationConversations", "0")]
    public async Task An_impossible_setting_stops_the_start_naming_its_key_and_the_allowed_range(string key, string value)
    {
        await using var app = CraftCXSiloHost.Build([.. Ports, "--environment=Development", "--Demo:Enabled=false", $"--{key}={value}"]);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        Assert.True(Silo.Hosting.SettingsFailures.TryDescribe(error, out var failures), error.ToString());
        var failure = Assert.Single(failures);
        Assert.Contains(key, failure, StringComparison.Ordinal);
        Assert.StartsWith($"The field {key} must be between", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("Options.", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Orleans:SiloPort", "70000", "must be between 1 and 65535")]
    [InlineData("Orleans:ServiceId", "", "is required")]
    [InlineData("Streaming:Provider", "EventHub", "must be Memory or EventHubs")]
    [InlineData("Streaming:PollInterval", "00:00:00", "must be between")]
    public void A_setting_read_before_the_host_is_built_stops_the_build_naming_its_key(string key, string value, string expected)
    {
        var error = Assert.ThrowsAny<Exception>(() => CraftCXSiloHost.Build([.. Ports, "--Demo:Enabled=false", $"--{key}={value}"]));
        Assert.True(Silo.Hosting.SettingsFailures.TryDescribe(error, out var failures), error.ToString());
        var failure = Assert.Single(failures);
        Assert.Contains(key, failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Aggregation:FlushInterval", "soon-s3cr3t", "does not read as a duration")]
    [InlineData("Orleans:GatewayPort", "port-s3cr3t", "does not read as a whole number")]
    [InlineData("Storage:Provider", "Oracle-s3cr3t", "does not read as one of Memory, Postgres")]
    [InlineData("Ingestion:Enabled", "maybe-s3cr3t", "does not read as true or false")]
    public async Task A_value_that_does_not_convert_is_named_by_its_key_and_never_repeated(string key, string value, string expected)
    {
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var app = CraftCXSiloHost.Build([.. Ports, "--environment=Development", "--Demo:Enabled=false", $"--{key}={value}"]);
            await app.StartAsync();
            await app.StopAsync();
        });
        Assert.NotNull(error);
        Assert.True(Silo.Hosting.SettingsFailures.TryDescribe(error, out var failures), error.ToString());
        var failure = Assert.Single(failures);
        Assert.Equal($"{key} {expected}", failure.Split(" (")[0].TrimEnd('.'));
        Assert.DoesNotContain("s3cr3t", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impossible_settings_in_several_sections_are_all_named_at_once()
    {
        await using var app = CraftCXSiloHost.Build([.. Ports, "--environment=Development", "--Demo:Enabled=false", "--Live:MaxAlertsPerMessage=0", "--Reviews:MaxCommentLength=-1", "--Aggregation:MaxCopyAge=00:00:25"]);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        Assert.True(Silo.Hosting.SettingsFailures.TryDescribe(error, out var failures), error.ToString());
        Assert.Contains(failures, f => f.Contains("Live:MaxAlertsPerMessage", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Reviews:MaxCommentLength", StringComparison.Ordinal));

        // A rule across two keys is still checked beside the ranges.
        Assert.Contains(failures, f => f.StartsWith("Aggregation:MaxCopyAge plus Aggregation:MaxClockSkew", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_logs_one_json_object_per_line_and_keeps_the_readable_format_elsewhere()
    {
        await using var production = CraftCXSiloHost.Build([.. Ports, "--environment=Production"]);
        var options = production.Services.GetRequiredService<IOptionsMonitor<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal("json", options.FormatterName);
        var json = production.Services.GetRequiredService<IOptionsMonitor<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(json.UseUtcTimestamp);
        Assert.False(json.JsonWriterOptions.Indented);
        Assert.Equal(string.Empty, production.Configuration["Auth:DemoTenant"]);

        await using var development = CraftCXSiloHost.Build([.. Ports, "--environment=Development"]);
        Assert.Equal("simple", development.Services.GetRequiredService<IOptionsMonitor<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public async Task Development_starts_the_embedded_broker_the_demo_and_a_per_process_signing_key()
    {
        await using var app = CraftCXSiloHost.Build([.. Ports, "--environment=Development", "--Demo:Enabled=false", "--Auth:DemoTenant=", "--Auth:TokenSigningKey="]);
        await app.StartAsync();
        try
        {
            Assert.NotNull(app.Services.GetRequiredService<Silo.Kafka.KafkaBootstrap>().BootstrapServers);
            Assert.NotNull(app.Services.GetRequiredService<Silo.Kafka.KafkaBootstrap>().Embedded);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
