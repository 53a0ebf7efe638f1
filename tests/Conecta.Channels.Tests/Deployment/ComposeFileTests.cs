using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Conecta.Channels.Tests.Deployment;

/// <summary>
/// docker/compose.yaml as parsed YAML (there is no Docker engine here to run it): every password is required, Redis asks
/// for one, the images are pinned to a full version (RabbitMQ 4.x), only the service is published beyond loopback, the
/// service's database role is not the owner that runs the migrations, and Prometheus scrapes the service's metrics
/// listener (never published) for a provisioned Grafana dashboard that shows every metric family. Three instances of the
/// service share the command partitions on quorum queues, each knowing its place.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Text = File.ReadAllText(Repository.PathOf("docker/compose.yaml"));
    private static readonly YamlMappingNode Services = (YamlMappingNode)Root()["services"];

    private static YamlMappingNode Root()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Text));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value ?? "";

    private static string Environment(string service, string key) => Scalar(Service(service)["environment"], key);

    private static readonly string[] Instances = ["channels", "channels-2", "channels-3"];

    /// <summary>A mapping with its YAML merge key applied (compose applies it; the parser keeps "&lt;&lt;" as a key).</summary>
    private static Dictionary<string, YamlNode> Merged(YamlMappingNode node)
    {
        var merged = node.Children.TryGetValue(new YamlScalarNode("<<"), out var parent) ? Merged((YamlMappingNode)parent) : [];
        foreach (var (key, value) in node.Children.Where(c => ((YamlScalarNode)c.Key).Value != "<<")) merged[((YamlScalarNode)key).Value!] = value;
        return merged;
    }

    private static string InstanceEnvironment(string service, string key) =>
        Merged((YamlMappingNode)Merged(Service(service))["environment"]).TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value ?? "" : "";

    [Fact]
    public void Every_password_variable_is_required_with_a_message_never_defaulted()
    {
        var references = VariableReference().Matches(Text).Select(m => (Name: m.Groups["name"].Value, Tail: m.Groups["rest"].Value)).ToList();
        var passwords = references.Where(r => r.Name.Contains("PASSWORD", StringComparison.Ordinal)).ToList();

        Assert.Equal(["GRAFANA_PASSWORD", "POSTGRES_MIGRATIONS_PASSWORD", "POSTGRES_PASSWORD", "POSTGRES_SERVICE_PASSWORD", "RABBITMQ_PASSWORD", "REDIS_PASSWORD"],
            passwords.Select(p => p.Name).Distinct().Order(StringComparer.Ordinal));
        Assert.All(passwords, p => Assert.Matches("^:\\?.{10,}$", p.Tail));
        Assert.DoesNotContain("conecta}", Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_requires_a_password_and_the_service_and_the_health_check_send_it()
    {
        var command = ((YamlSequenceNode)Service("redis")["command"]).Children.Select(c => ((YamlScalarNode)c).Value).ToList();

        Assert.Contains("--requirepass", command);
        Assert.StartsWith("${REDIS_PASSWORD:?", command[command.IndexOf("--requirepass") + 1], StringComparison.Ordinal);
        Assert.Contains("password=${REDIS_PASSWORD:?", Environment("channels", "ConnectionStrings__Redis"), StringComparison.Ordinal);
        Assert.StartsWith("${REDIS_PASSWORD:?", Environment("redis", "REDISCLI_AUTH"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rabbitmq", "rabbitmq:4.")]
    [InlineData("redis", "redis:")]
    [InlineData("postgres", "postgres:")]
    [InlineData("prometheus", "prom/prometheus:v3.")]
    [InlineData("grafana", "grafana/grafana:12.")]
    public void Each_server_image_is_pinned_to_a_release(string service, string prefix)
    {
        var image = Scalar(Service(service), "image");

        Assert.StartsWith(prefix, image, StringComparison.Ordinal);
        // A release, not a moving major: 4.2.5, 8.2.1, 17.6 (PostgreSQL numbers its releases major.minor), v3.5.0.
        Assert.Matches("^[a-z]+(/[a-z]+)?:v?\\d+\\.\\d+(\\.\\d+)?(-[a-z]+)?$", image);
    }

    [Fact]
    public void Only_the_service_is_published_beyond_loopback_and_the_management_ui_only_on_loopback()
    {
        var published = Services.Children
            .Where(s => ((YamlMappingNode)s.Value).Children.ContainsKey("ports"))
            .SelectMany(s => ((YamlSequenceNode)s.Value["ports"]).Children.Select(p => (Service: ((YamlScalarNode)s.Key).Value, Port: ((YamlScalarNode)p).Value!)))
            .ToList();

        Assert.Equal(Instances, published.Where(p => !p.Port.StartsWith("127.0.0.1:", StringComparison.Ordinal)).Select(p => p.Service));
        Assert.All(published.Where(p => !Instances.Contains(p.Service)), p => Assert.StartsWith("127.0.0.1:", p.Port, StringComparison.Ordinal));
        Assert.All(published.Where(p => p.Port.EndsWith(":15672", StringComparison.Ordinal)), p => Assert.StartsWith("127.0.0.1:", p.Port, StringComparison.Ordinal));
    }

    [Fact]
    public void The_service_connects_with_its_own_role_and_migrates_with_the_owner_s()
    {
        var service = Environment("channels", "ConnectionStrings__Postgres");
        var migrations = Environment("channels", "ConnectionStrings__PostgresMigrations");

        Assert.Contains("Username=conecta_app;", service, StringComparison.Ordinal);
        Assert.Contains("Username=conecta;", migrations, StringComparison.Ordinal);
        Assert.Equal("production", Environment("channels", "ASPNETCORE_ENVIRONMENT").ToLowerInvariant());
    }

    [Fact]
    public void Prometheus_scrapes_the_service_s_metrics_listener_which_is_not_published()
    {
        var urls = Environment("channels", "ASPNETCORE_URLS");
        var port = Environment("channels", "Metrics__Port");
        var published = ((YamlSequenceNode)Service("channels")["ports"]).Children.Select(p => ((YamlScalarNode)p).Value!).ToList();
        var prometheus = new YamlStream();
        prometheus.Load(new StringReader(File.ReadAllText(Repository.PathOf("docker/prometheus.yml"))));
        var job = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)prometheus.Documents[0].RootNode)["scrape_configs"]).Children[0];
        var targets = ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)job["static_configs"]).Children[0])["targets"]).Children;
        var mounts = ((YamlSequenceNode)Service("prometheus")["volumes"]).Children.Select(v => ((YamlScalarNode)v).Value!).ToList();

        Assert.Equal(("Anonymous", "9464"), (Environment("channels", "Metrics__Access"), port));
        Assert.Contains($":{port}", urls, StringComparison.Ordinal);
        Assert.DoesNotContain(published, p => p.EndsWith($":{port}", StringComparison.Ordinal));
        Assert.Equal("/metrics", Scalar(job, "metrics_path"));
        Assert.Equal(Instances.Select(instance => $"{instance}:{port}"), targets.Select(t => ((YamlScalarNode)t).Value));
        Assert.Contains("./prometheus.yml:/etc/prometheus/prometheus.yml:ro", mounts);
    }

    [Theory]
    [InlineData("conecta_webhooks_received_total")]
    [InlineData("conecta_inbound_events_published_total")]
    [InlineData("conecta_inbound_events_duplicates_total")]
    [InlineData("conecta_events_publish_duration_seconds_bucket")]
    [InlineData("conecta_dead_letters_total")]
    [InlineData("conecta_outbound_commands_total")]
    [InlineData("conecta_outbound_rate_limit_wait_seconds_bucket")]
    [InlineData("conecta_provider_request_duration_seconds_bucket")]
    [InlineData("conecta_sessions_transitions_total")]
    [InlineData("conecta_templates_changes_total")]
    public void The_provisioned_dashboard_shows_each_family_from_the_provisioned_prometheus(string family)
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("docker/grafana/dashboards/conecta-channels.json")));
        var targets = dashboard.RootElement.GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray()).ToList();
        var datasources = File.ReadAllText(Repository.PathOf("docker/grafana/provisioning/datasources/prometheus.yaml"));
        var provider = File.ReadAllText(Repository.PathOf("docker/grafana/provisioning/dashboards/conecta-channels.yaml"));
        var mounts = ((YamlSequenceNode)Service("grafana")["volumes"]).Children.Select(v => ((YamlScalarNode)v).Value!).ToList();

        Assert.Contains(targets, t => t.GetProperty("expr").GetString()!.Contains(family + "[", StringComparison.Ordinal) ||
            t.GetProperty("expr").GetString()!.Contains(family + "{", StringComparison.Ordinal));
        Assert.All(targets, t => Assert.Equal("prometheus", t.GetProperty("datasource").GetProperty("uid").GetString()));
        Assert.Contains("uid: prometheus", datasources, StringComparison.Ordinal);
        Assert.Contains("url: http://prometheus:9090", datasources, StringComparison.Ordinal);
        Assert.Contains("path: /etc/grafana/dashboards", provider, StringComparison.Ordinal);
        Assert.Contains("./grafana/dashboards:/etc/grafana/dashboards:ro", mounts);
        Assert.Contains("./grafana/provisioning:/etc/grafana/provisioning:ro", mounts);
    }

    [Fact]
    public void Three_instances_share_the_partitions_each_preferring_its_own_share_on_quorum_queues()
    {
        Assert.Equal(["0", "1", "2"], Instances.Select(i => InstanceEnvironment(i, "Bus__Topology__InstanceIndex")));
        Assert.All(Instances, i => Assert.Equal(Instances.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            InstanceEnvironment(i, "Bus__Topology__InstanceCount")));
        Assert.All(Instances, i => Assert.Equal("12", InstanceEnvironment(i, "Bus__Topology__Partitions")));
        Assert.All(Instances, i => Assert.Equal("Quorum", InstanceEnvironment(i, "Bus__Topology__QueueType")));
        // Everything else alike: the same image, servers, secrets and listeners.
        Assert.All(Instances, i => Assert.Equal(InstanceEnvironment("channels", "ConnectionStrings__RabbitMq"), InstanceEnvironment(i, "ConnectionStrings__RabbitMq")));
        Assert.All(Instances, i => Assert.Equal("conecta-channels:local", ((YamlScalarNode)Merged(Service(i))["image"]).Value));
        Assert.Equal(Instances.Length, Instances.Select(i => ((YamlScalarNode)((YamlSequenceNode)Merged(Service(i))["ports"]).Children[0]).Value).Distinct().Count());
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<rest>[^}]*)\}")]
    private static partial Regex VariableReference();
}
