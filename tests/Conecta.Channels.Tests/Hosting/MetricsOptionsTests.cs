using Conecta.Channels.Hosting;

namespace Conecta.Channels.Tests.Hosting;

public sealed class MetricsOptionsTests
{
    [Theory]
    [InlineData("Off", null, null)]
    [InlineData("Token", null, null)]
    [InlineData("Anonymous", 9464, null)]
    [InlineData("Token", 9464, null)]
    [InlineData("Off", 9464, "Metrics:Port is set but Metrics:Access is Off")]
    [InlineData("Anonymous", 0, "Metrics:Port must be a TCP port")]
    [InlineData("Anonymous", 65536, "Metrics:Port must be a TCP port")]
    [InlineData("7", null, "Metrics:Access must be Off, Token or Anonymous")]
    public void Access_and_port_are_validated(string access, int? port, string? failure)
    {
        var options = new MetricsOptions { Access = Enum.Parse<MetricsAccess>(access), Port = port };
        var result = new MetricsOptionsValidator().Validate(null, options);

        Assert.Equal(failure is null, result.Succeeded);
        if (failure is not null) Assert.StartsWith(failure, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, 8080, true)]      // one listener serves everything
    [InlineData(9464, null, 9464, true)]      // its own port
    [InlineData(9464, null, 8080, false)]
    [InlineData(null, 9090, 9090, true)]      // without its own port: where the admin API answers
    [InlineData(null, 9090, 8080, false)]
    [InlineData(9464, 9090, 9090, false)]     // its own port wins over the admin listener
    [InlineData(9464, 9090, 9464, true)]
    public void The_scrape_answers_on_its_own_port_else_where_the_admin_api_does(int? metricsPort, int? adminPort, int localPort, bool served) =>
        Assert.Equal(served, new MetricsOptions { Access = MetricsAccess.Anonymous, Port = metricsPort }.ServedOn(localPort, adminPort));
}
