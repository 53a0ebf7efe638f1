using Conecta.Channels.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Conecta.Channels.Tests.Hosting;

public sealed class ServerConnectionsTests
{
    private static string? Validate(string environment, string? rabbitMq, string? redis, string? postgres) =>
        new ServerConnectionsValidator(new Environment(environment))
            .Validate(null, new ServerConnections { RabbitMq = rabbitMq, Redis = redis, Postgres = postgres }).FailureMessage;

    [Fact]
    public void Development_may_run_on_the_embedded_stand_ins() => Assert.Null(Validate(Environments.Development, null, null, null));

    [Fact]
    public void Production_with_all_three_starts() => Assert.Null(Validate(Environments.Production, "amqp://b/", "r:6379", "Host=p"));

    [Theory]
    [InlineData(null, "r:6379", "Host=p", "missing: ConnectionStrings:RabbitMq (ConnectionStrings__RabbitMq). ")]
    [InlineData("amqp://b/", " ", "Host=p", "missing: ConnectionStrings:Redis (ConnectionStrings__Redis). ")]
    [InlineData("amqp://b/", "r:6379", "", "missing: ConnectionStrings:Postgres (ConnectionStrings__Postgres). ")]
    [InlineData(null, null, null, "missing: ConnectionStrings:RabbitMq (ConnectionStrings__RabbitMq), ConnectionStrings:Redis (ConnectionStrings__Redis), ConnectionStrings:Postgres (ConnectionStrings__Postgres). ")]
    public void Outside_development_every_missing_server_is_named_in_one_message(string? rabbitMq, string? redis, string? postgres, string missing)
    {
        foreach (var environment in new[] { Environments.Production, Environments.Staging, "Testing" })
        {
            var message = Validate(environment, rabbitMq, redis, postgres);
            Assert.Equal("Outside the Development environment RabbitMQ, Redis and PostgreSQL are all required; " + missing +
                "The embedded stand-ins (in-memory bus, in-process stores, SQLite) are for Development only.", message);
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Conecta.Channels";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
