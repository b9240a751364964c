using System.Text.RegularExpressions;
using CraftCX.Silo.Hosting;
using CraftCX.Silo.Kafka;
using YamlDotNet.RepresentationModel;

namespace CraftCX.Tests.Deployment;

/// <summary>
/// The image, the compose cluster and the Kubernetes manifests, checked without a container engine (none runs
/// here): every setting they give the silo is one it reads, every service is health-checked, and ports, topics,
/// user and entry point agree with the silo and the README.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class DeploymentFilesTests
{
    private const string SiloImage = "craftcx/silo";

    private static readonly string Dockerfile = File.ReadAllText(YamlFiles.PathOf("docker/Dockerfile"));

    private static Dictionary<string, string> DockerfileEnvironment() =>
        EnvPair().Matches(Dockerfile[Dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..]).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [Fact]
    public void The_image_runs_the_published_silo_as_a_non_root_user_with_its_ports_and_a_health_check()
    {
        var runtime = Dockerfile[Dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];
        Assert.Matches(@"FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0", runtime);
        Assert.Contains("COPY --from=build /app ./", runtime, StringComparison.Ordinal);
        var user = Regex.Match(runtime, @"^USER (\S+)$", RegexOptions.Multiline).Groups[1].Value;
        Assert.False(user is "" or "root" or "0", $"the image runs as '{user}'");
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"CraftCX.Silo.dll\"]", runtime, StringComparison.Ordinal);

        var environment = DockerfileEnvironment();
        Assert.All(environment.Keys, key => Assert.True(ConfigurationKeys.IsKnown(key), $"the Dockerfile sets {key}, which nothing reads"));
        var exposed = Regex.Match(runtime, @"^EXPOSE (.+)$", RegexOptions.Multiline).Groups[1].Value.Split(' ');
        Assert.Equal([environment["ASPNETCORE_HTTP_PORTS"], environment["Orleans__SiloPort"], environment["Orleans__GatewayPort"]], exposed);
        Assert.Equal(new OrleansOptions().SiloPort.ToString(), environment["Orleans__SiloPort"]);
        Assert.Equal(new OrleansOptions().GatewayPort.ToString(), environment["Orleans__GatewayPort"]);
        Assert.Matches($@"HEALTHCHECK .*\n?.*--probe"", ""http://127\.0\.0\.1:{environment["ASPNETCORE_HTTP_PORTS"]}/health/live""", runtime);

        // The README says what the image runs and as whom.
        var readme = File.ReadAllText(YamlFiles.PathOf("README.md"));
        Assert.Contains("`dotnet CraftCX.Silo.dll`", readme, StringComparison.Ordinal);
        Assert.Contains($"user `{user}`", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_compose_cluster_sets_only_real_settings_checks_every_service_and_agrees_on_ports_and_topics()
    {
        // The check itself: a misspelt key is caught, a librdkafka property passes.
        Assert.False(ConfigurationKeys.IsKnown("Kafka__BootstrapServer"));
        Assert.True(ConfigurationKeys.IsKnown("Kafka__Properties__socket.keepalive.enable"));
        Assert.True(ConfigurationKeys.IsKnown("Ingestion__Import__MaxInFlight"));

        var compose = YamlFiles.Documents("docker/compose.yaml").Single();
        var services = compose.Map("services").Entries().ToDictionary(e => e.Key, e => YamlFiles.Map(compose.Map("services"), e.Key));
        var silos = services.Where(s => s.Value.Scalar("image")?.StartsWith(SiloImage, StringComparison.Ordinal) == true).ToDictionary(s => s.Key, s => s.Value);
        Assert.Equal(["demo", "migrate", "silo1", "silo2", "silo3"], silos.Keys.Order());

        foreach (var (name, service) in services)
        {
            Assert.True(service.Map("healthcheck").Sequence("test").Count > 0, $"service {name} has no health check");
        }

        var http = DockerfileEnvironment()["ASPNETCORE_HTTP_PORTS"];
        foreach (var (name, silo) in silos)
        {
            var environment = silo.Map("environment").Entries().ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value!);
            Assert.All(environment.Keys, key => Assert.True(ConfigurationKeys.IsKnown(key), $"{name} sets {key}, which nothing reads"));
            Assert.Equal(http, environment["ASPNETCORE_HTTP_PORTS"]);
            Assert.Equal("Postgres", environment["Storage__Provider"]);
            Assert.Equal("kafka:9092", environment["Kafka__BootstrapServers"]);
            if (name != "migrate")
            {
                Assert.Equal(name, environment["Orleans__AdvertisedIPAddress"]);
                Assert.Equal("service_completed_successfully", silo.Map("depends_on").Map("migrate").Scalar("condition"));
                Assert.Equal("service_completed_successfully", silo.Map("depends_on").Map("kafka-init").Scalar("condition"));
                Assert.Contains($"http://127.0.0.1:{http}/health/ready", silo.Map("healthcheck").Sequence("test").Select(t => ((YamlScalarNode)t).Value));
            }
        }

        Assert.Equal("--migrate-only", ((YamlScalarNode)silos["migrate"].Sequence("command").Single()).Value);
        Assert.Equal("service_healthy", silos["migrate"].Map("depends_on").Map("postgres").Scalar("condition"));

        // The topics the init service creates are the ones the silo reads and writes.
        var topic = silos["silo1"].Map("environment").Scalar("Kafka__Topic")!;
        var kafka = new KafkaOptions { Topic = topic };
        var script = string.Join('\n', services["kafka-init"].Sequence("command").Select(c => ((YamlScalarNode)c).Value));
        foreach (var name in new[] { kafka.Topic, kafka.ImportTopicName, kafka.DeadLetterTopicName, kafka.ScoresTopicName })
        {
            Assert.Matches($@"\s{Regex.Escape(name)}:\d+", script);
        }

        // The load balancer forwards to each silo's HTTP port, with what SignalR's WebSockets need.
        var nginx = File.ReadAllText(YamlFiles.PathOf("docker/nginx.conf"));
        foreach (var silo in silos.Keys.Where(k => k is not "migrate" and not "demo"))
        {
            Assert.Contains($"server {silo}:{http};", nginx, StringComparison.Ordinal);
        }

        // The optional demo member: built with the demo through an argument the Dockerfile declares, it plays the
        // sample conversations, consumes nothing and takes no traffic from the load balancer.
        var demo = silos["demo"];
        Assert.Equal("demo", ((YamlScalarNode)demo.Sequence("profiles").Single()).Value);
        var buildArguments = demo.Map("build").Map("args").Entries().ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value);
        Assert.Equal("true", buildArguments["CRAFTCX_EMBEDDED"]);
        Assert.Matches(@"(?m)^ARG CRAFTCX_EMBEDDED=false$", Dockerfile);
        Assert.Contains("-p:CraftCXEmbedded=${CRAFTCX_EMBEDDED}", Dockerfile, StringComparison.Ordinal);
        Assert.Equal("true", demo.Map("environment").Scalar("Demo__Enabled"));
        Assert.Equal("false", demo.Map("environment").Scalar("Ingestion__Enabled"));
        Assert.Equal("service_healthy", demo.Map("depends_on").Map("silo1").Scalar("condition"));
        Assert.DoesNotContain("server demo:", nginx, StringComparison.Ordinal);

        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", nginx, StringComparison.Ordinal);
        Assert.Contains("ip_hash;", nginx, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kubernetes_manifests_set_only_real_settings_probe_both_routes_and_grant_what_orleans_needs()
    {
        // The Secrets' example lives beside the folder that `kubectl apply -f docker/k8s/` takes, never in it.
        var applied = Directory.GetFiles(YamlFiles.PathOf("docker/k8s"), "*.yaml").SelectMany(f => YamlFiles.Documents(Path.GetRelativePath(YamlFiles.RepositoryRoot, f))).ToList();
        Assert.DoesNotContain(applied, m => m.Scalar("kind") == "Secret");
        var manifests = applied.Concat(YamlFiles.Documents("docker/k8s-secrets/secret.example.yaml")).ToList();
        YamlMappingNode Kind(string kind, string? name = null) =>
            manifests.Single(m => m.Scalar("kind") == kind && (name is null || m.Map("metadata").Scalar("name") == name));

        var settings = Kind("ConfigMap").Map("data").Entries().Select(e => e.Key);
        var secrets = Kind("Secret", "craftcx-secrets").Map("stringData").Entries().Select(e => e.Key);
        var pod = Kind("Deployment").Map("spec").Map("template").Map("spec");
        var container = (YamlMappingNode)pod.Sequence("containers").Single();
        var variables = container.Sequence("env").Select(e => e.Scalar("name")!);
        Assert.All(settings.Concat(secrets).Concat(variables), key => Assert.True(ConfigurationKeys.IsKnown(key), $"the manifests set {key}, which nothing reads"));
        Assert.Contains("Orleans__Kubernetes", settings);

        var environment = DockerfileEnvironment();
        var ports = container.Sequence("ports").ToDictionary(p => p.Scalar("name")!, p => p.Scalar("containerPort")!);
        Assert.Equal(environment["ASPNETCORE_HTTP_PORTS"], ports["http"]);
        Assert.Equal(environment["Orleans__SiloPort"], ports["silo"]);
        Assert.Equal(environment["Orleans__GatewayPort"], ports["gateway"]);
        Assert.Equal("/health/live", container.Map("livenessProbe").Map("httpGet").Scalar("path"));
        Assert.Equal("/health/ready", container.Map("readinessProbe").Map("httpGet").Scalar("path"));
        Assert.Equal("true", pod.Map("securityContext").Scalar("runAsNonRoot"));
        Assert.Equal("--migrate-only", ((YamlScalarNode)((YamlMappingNode)pod.Sequence("initContainers").Single()).Sequence("args").Single()).Value);

        var rule = (YamlMappingNode)Kind("Role").Sequence("rules").Single();
        Assert.Contains("pods", rule.Sequence("resources").Select(r => ((YamlScalarNode)r).Value));
        Assert.Superset(new HashSet<string?> { "get", "list", "watch", "delete" }, rule.Sequence("verbs").Select(v => ((YamlScalarNode)v).Value).ToHashSet());
        Assert.Equal("craftcx-silo", pod.Scalar("serviceAccountName"));
        Assert.Equal("1", Kind("PodDisruptionBudget").Map("spec").Scalar("maxUnavailable"));
    }

    [GeneratedRegex(@"(?:ENV |\\\n)\s*([A-Za-z_][A-Za-z0-9_]*)=(\S+)")]
    private static partial Regex EnvPair();
}
