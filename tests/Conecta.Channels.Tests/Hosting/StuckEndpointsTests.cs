using Conecta.Channels.Hosting;

namespace Conecta.Channels.Tests.Hosting;

public sealed class StuckEndpointsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Endpoints = ["conecta-outbound", "conecta-sessions", "conecta-outbound-given-up"];

    private static Dictionary<string, bool> Up(params string[] up) => Endpoints.ToDictionary(name => name, up.Contains);

    [Fact]
    public void An_endpoint_down_while_another_is_up_is_stuck_once_the_timeout_has_passed()
    {
        var stuck = new StuckEndpoints(Timeout);

        Assert.Empty(stuck.Observe(Up("conecta-sessions", "conecta-outbound-given-up"), Start));
        Assert.Empty(stuck.Observe(Up("conecta-sessions", "conecta-outbound-given-up"), Start + Timeout - TimeSpan.FromMilliseconds(1)));
        Assert.Equal(["conecta-outbound"], stuck.Observe(Up("conecta-sessions", "conecta-outbound-given-up"), Start + Timeout));
    }

    [Fact]
    public void A_broker_out_of_reach_does_not_count_every_endpoint_down_with_the_broker_answering_does()
    {
        var stuck = new StuckEndpoints(Timeout);

        Assert.Empty(stuck.Observe(null, Start));
        Assert.Empty(stuck.Observe(null, Start + 10 * Timeout));
        // The broker answers again: the time starts now, not at the outage.
        Assert.Empty(stuck.Observe(Up(), Start + 10 * Timeout + TimeSpan.FromSeconds(1)));
        Assert.Empty(stuck.Observe(Up("conecta-sessions"), Start + 11 * Timeout));
        Assert.Equal(["conecta-outbound", "conecta-outbound-given-up"],
            stuck.Observe(Up("conecta-sessions"), Start + 11 * Timeout + TimeSpan.FromSeconds(1)));
        // Every endpoint without a consumer while the broker answers counts too, each from when it went down.
        Assert.Equal(["conecta-outbound", "conecta-outbound-given-up"], stuck.Observe(Up(), Start + 12 * Timeout));
        Assert.Equal(["conecta-outbound", "conecta-outbound-given-up", "conecta-sessions"], stuck.Observe(Up(), Start + 13 * Timeout));
    }

    [Fact]
    public void An_endpoint_that_comes_back_starts_from_zero_when_it_goes_down_again()
    {
        var stuck = new StuckEndpoints(Timeout);

        stuck.Observe(Up("conecta-sessions"), Start);
        Assert.Empty(stuck.Observe(Up("conecta-sessions", "conecta-outbound", "conecta-outbound-given-up"), Start + TimeSpan.FromSeconds(59)));
        Assert.Empty(stuck.Observe(Up("conecta-sessions", "conecta-outbound-given-up"), Start + TimeSpan.FromSeconds(61)));
        Assert.Empty(stuck.Observe(Up("conecta-sessions", "conecta-outbound-given-up"), Start + TimeSpan.FromSeconds(120)));
        Assert.Equal(["conecta-outbound"], stuck.Observe(Up("conecta-sessions", "conecta-outbound-given-up"), Start + TimeSpan.FromSeconds(121)));
    }

    [Fact]
    public void A_broker_outage_in_between_resets_the_count()
    {
        var stuck = new StuckEndpoints(Timeout);

        stuck.Observe(Up("conecta-sessions"), Start);
        stuck.Observe(null, Start + TimeSpan.FromSeconds(30));
        Assert.Empty(stuck.Observe(Up("conecta-sessions"), Start + TimeSpan.FromSeconds(70)));
        Assert.Equal(["conecta-outbound", "conecta-outbound-given-up"], stuck.Observe(Up("conecta-sessions"), Start + TimeSpan.FromSeconds(130)));
    }

    [Fact]
    public void An_endpoint_no_longer_reported_is_forgotten()
    {
        var stuck = new StuckEndpoints(Timeout);

        stuck.Observe(new Dictionary<string, bool> { ["a"] = true, ["temporary"] = false }, Start);

        Assert.Empty(stuck.Observe(new Dictionary<string, bool> { ["a"] = true }, Start + Timeout));
    }
}
