using Conecta.Channels.Hosting;

namespace Conecta.Channels.Tests.Hosting;

public sealed class EndpointKindsTests
{
    [Theory]
    [InlineData("Health", false, true)]
    [InlineData("Health", true, true)]
    [InlineData("Webhook", false, true)]
    [InlineData("Webhook", true, false)]
    [InlineData(null, false, false)] // the admin API, its reference, anything else: not where the webhooks are published
    [InlineData(null, true, true)]
    public void With_an_admin_listener_each_kind_answers_where_it_belongs(string? kind, bool adminListener, bool served) =>
        Assert.Equal(served, EndpointKinds.ServedOn(kind is null ? null : Enum.Parse<EndpointKind>(kind), adminListener));
}
