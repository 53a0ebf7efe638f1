using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

/// <summary>
/// The connection strings of the three servers (section ConnectionStrings). Each one missing selects its embedded stand-in
/// (in-memory bus, in-process stores, SQLite), which is only for Development: elsewhere a webhook answered 200 would then
/// live in memory only, and a restart would lose what Meta will never send again.
/// </summary>
internal sealed class ServerConnections
{
    public const string Section = "ConnectionStrings";

    public string? RabbitMq { get; set; }

    public string? Redis { get; set; }

    public string? Postgres { get; set; }

    /// <summary>The names of the servers whose connection string is missing, in a fixed order.</summary>
    public IReadOnlyList<string> Missing() =>
        [.. new[] { (nameof(RabbitMq), RabbitMq), (nameof(Redis), Redis), (nameof(Postgres), Postgres) }
            .Where(server => string.IsNullOrWhiteSpace(server.Item2)).Select(server => server.Item1)];
}

/// <summary>Outside Development, refuses to start with any server missing, naming every missing one in one message.</summary>
internal sealed class ServerConnectionsValidator(IHostEnvironment environment) : IValidateOptions<ServerConnections>
{
    public ValidateOptionsResult Validate(string? name, ServerConnections options)
    {
        var missing = options.Missing();
        if (environment.IsDevelopment() || missing.Count == 0) return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(
            $"Outside the Development environment RabbitMQ, Redis and PostgreSQL are all required; missing: " +
            string.Join(", ", missing.Select(server => $"ConnectionStrings:{server} (ConnectionStrings__{server})")) +
            ". The embedded stand-ins (in-memory bus, in-process stores, SQLite) are for Development only.");
    }
}
