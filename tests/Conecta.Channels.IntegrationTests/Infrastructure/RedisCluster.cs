using StackExchange.Redis;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// The Redis Cluster every Redis store's contract also runs on. A cluster that does not answer fails the connection; one
/// that answers as a single server fails here, so a cluster test can never pass on one server.
/// </summary>
internal static class RedisCluster
{
    public static ConnectionMultiplexer Connect()
    {
        var redis = ConnectionMultiplexer.Connect(Servers.RedisCluster);
        var servers = redis.GetServers();
        if (servers.Length < 3 || servers.Any(server => server.ServerType != ServerType.Cluster || server.IsReplica))
        {
            var seen = string.Join(", ", servers.Select(server => $"{server.EndPoint}: {server.ServerType}"));
            redis.Dispose();
            throw new InvalidOperationException($"{Servers.RedisCluster} is not a Redis Cluster of three masters ({seen}); scripts/servers.sh starts one.");
        }
        return redis;
    }
}
