using Conecta.Channels.Hosting;

namespace Conecta.Channels.Tests.Hosting;

public sealed class AdminTokensLifetimeTests
{
    private static readonly DateTime Issued = new(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Theory]
    [InlineData(0, 3_600)] // an hour
    [InlineData(0, 86_400)] // exactly the maximum
    [InlineData(-1, 86_400)] // no iat: from nbf
    public void A_token_living_at_most_the_maximum_may_be_used(int iatOffset, int lifetimeSeconds)
    {
        var issuedAt = iatOffset < 0 ? DateTime.MinValue : Issued;
        Assert.Null(AdminTokens.LifetimeProblem(issuedAt, Issued, Issued.AddSeconds(lifetimeSeconds), Day));
    }

    [Fact]
    public void A_token_living_longer_is_refused_with_both_lifetimes_named() =>
        Assert.Equal("The token's lifetime (1.00:00:01) is longer than Auth:MaxTokenLifetime (1.00:00:00).",
            AdminTokens.LifetimeProblem(Issued, Issued, Issued.AddDays(1).AddSeconds(1), Day));

    [Fact]
    public void The_issue_time_counts_not_a_later_nbf() =>
        // Issued now, valid from in 23 h, for 2 h: it lives 25 h from its issue.
        Assert.NotNull(AdminTokens.LifetimeProblem(Issued, Issued.AddHours(23), Issued.AddHours(25), Day));

    [Fact]
    public void A_token_without_iat_nor_nbf_is_refused() =>
        Assert.Equal("The token has neither iat nor nbf: its lifetime cannot be checked.",
            AdminTokens.LifetimeProblem(DateTime.MinValue, DateTime.MinValue, Issued, Day));
}
