namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>Tests that share the real servers (and one of which restarts the broker) run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<AppFactory>
{
    public const string Name = "Real servers";
}
