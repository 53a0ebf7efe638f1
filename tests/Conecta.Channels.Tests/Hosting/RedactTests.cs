using Conecta.Channels.Hosting;

namespace Conecta.Channels.Tests.Hosting;

public sealed class RedactTests
{
    [Theory]
    [InlineData("5531988887777", "55*********77")]
    [InlineData("US.13491208655302741918", "US*******************18")]
    [InlineData("12345", "12*45")] // the shortest value that keeps anything
    [InlineData("1234", "****")]
    [InlineData("123", "***")]
    [InlineData("1", "*")]
    public void Keeps_two_characters_at_each_end_of_a_long_enough_value(string value, string expected) =>
        Assert.Equal(expected, Redact.Contact(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_absent_value_says_so(string? value) => Assert.Equal("(none)", Redact.Contact(value));
}
