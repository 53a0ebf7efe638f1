using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Conecta.Channels.Tests.Deployment;

/// <summary>
/// docker/compose.yaml as parsed YAML (there is no Docker engine here to run it): every password is required, Redis asks
/// for one, the images are pinned to a full version (RabbitMQ 4.x), only the service is published beyond loopback, and
/// the service's database role is not the owner that runs the migrations.
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

    [Fact]
    public void Every_password_variable_is_required_with_a_message_never_defaulted()
    {
        var references = VariableReference().Matches(Text).Select(m => (Name: m.Groups["name"].Value, Tail: m.Groups["rest"].Value)).ToList();
        var passwords = references.Where(r => r.Name.Contains("PASSWORD", StringComparison.Ordinal)).ToList();

        Assert.Equal(["POSTGRES_MIGRATIONS_PASSWORD", "POSTGRES_PASSWORD", "POSTGRES_SERVICE_PASSWORD", "RABBITMQ_PASSWORD", "REDIS_PASSWORD"],
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
    public void Each_server_image_is_pinned_to_a_release(string service, string prefix)
    {
        var image = Scalar(Service(service), "image");

        Assert.StartsWith(prefix, image, StringComparison.Ordinal);
        // A release, not a moving major: 4.2.5, 8.2.1, 17.6 (PostgreSQL numbers its releases major.minor).
        Assert.Matches("^[a-z]+:\\d+\\.\\d+(\\.\\d+)?(-[a-z]+)?$", image);
    }

    [Fact]
    public void Only_the_service_is_published_beyond_loopback_and_the_management_ui_only_on_loopback()
    {
        var published = Services.Children
            .Where(s => ((YamlMappingNode)s.Value).Children.ContainsKey("ports"))
            .SelectMany(s => ((YamlSequenceNode)s.Value["ports"]).Children.Select(p => (Service: ((YamlScalarNode)s.Key).Value, Port: ((YamlScalarNode)p).Value!)))
            .ToList();

        Assert.Contains(published, p => p.Service == "channels");
        Assert.All(published.Where(p => p.Service != "channels"), p => Assert.StartsWith("127.0.0.1:", p.Port, StringComparison.Ordinal));
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

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<rest>[^}]*)\}")]
    private static partial Regex VariableReference();
}
