using Conecta.Channels.Phones;

namespace Conecta.Channels.Tests.Phones;

public sealed class ContactKeysProviderIdsTests
{
    [Theory]
    [InlineData("5531988887777", new[] { "5531988887777", "553188887777" })]
    [InlineData("5531933334444", new[] { "5531933334444" })] // without the 9 it would read as a landline
    [InlineData("553133334444", new[] { "553133334444" })]
    [InlineData("3519988887777", new[] { "3519988887777" })] // the same shape outside Brazil
    public void The_provider_ids_of_a_phone_are_exactly_those_that_key_back_to_it(string canonical, string[] ids)
    {
        Assert.Equal(ids, ContactKeys.ProviderIds(canonical));
        Assert.All(ids, id => Assert.Equal(canonical, ContactKeys.CanonicalPhone(id)));
    }
}
