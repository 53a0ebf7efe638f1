using Conecta.Channels.Channels;

namespace Conecta.Channels.Tests.Channels;

public sealed class EventIdsTests
{
    private static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Fact]
    public void Matches_the_published_uuid_v5_test_vector() =>
        // RFC 4122 / RFC 9562 name-based SHA-1 UUID of "www.example.com" in the DNS namespace (as Python's uuid5 gives it).
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), EventIds.Create(DnsNamespace, "www.example.com"));

    [Fact]
    public void The_same_parts_always_give_the_same_id() =>
        Assert.Equal(EventIds.From("whatsapp", "1122334455667", "message", "wamid.x"),
            EventIds.From("whatsapp", "1122334455667", "message", "wamid.x"));

    [Theory]
    [InlineData("telegram", "1122334455667", "message", "wamid.x")]
    [InlineData("whatsapp", "1122334455668", "message", "wamid.x")]
    [InlineData("whatsapp", "1122334455667", "status", "wamid.x")]
    [InlineData("whatsapp", "1122334455667", "message", "wamid.y")]
    [InlineData("whatsapp", "1122334455667", "message", "WAMID.X")]
    public void Any_different_part_gives_a_different_id(string channel, string account, string kind, string id) =>
        Assert.NotEqual(EventIds.From("whatsapp", "1122334455667", "message", "wamid.x"), EventIds.From(channel, account, kind, id));

    [Fact]
    public void A_status_differs_from_the_same_message_s_next_status() =>
        Assert.NotEqual(EventIds.From("whatsapp", "1", "status", "wamid.x", "sent"), EventIds.From("whatsapp", "1", "status", "wamid.x", "read"));

    [Theory]
    [InlineData("whatsapp|1|message|wamid.x")]
    [InlineData("")]
    [InlineData("みどりいろ")]
    public void Is_a_version_5_rfc_variant_uuid(string name)
    {
        var text = EventIds.Create(DnsNamespace, name).ToString();

        Assert.Equal('5', text[14]);
        Assert.Contains(text[19], "89ab");
    }

    [Fact]
    public void Fingerprint_is_the_lowercase_sha256_of_the_utf8_text()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", EventIds.Fingerprint(""));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", EventIds.Fingerprint("abc"));
    }

    /// <summary>
    /// Known answers: the ids consumers deduplicate on and Redis remembers for 8 days. A changed derivation would publish
    /// every retried webhook again after a deploy, so any change must fail here first. (Cross-checked with Python's uuid.uuid5 over the same length-prefixed name.)
    /// </summary>
    [Theory]
    [InlineData("0e761638-4218-5a6b-bfd8-dbb6ab83587c", "whatsapp", "1122334455667", "message", "wamid.HBgMNTUzMTk4ODg4Nzc3NxUCABIYFjNFQjBDRjM0N0RCNjg3RjkzNjVGODAA")]
    [InlineData("7a8ba199-dac5-5902-a0d6-8bb888813808", "whatsapp", "1122334455667", "status", "wamid.x", "read")]
    [InlineData("6073ea38-11aa-5923-9167-048b8503be77", "telegram", "7000000001", "message", "42")]
    [InlineData("f622a656-2641-5475-96cd-68d0676385d9", "whatsapp", "dead-letter", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void Fixed_parts_give_fixed_ids(string expected, params string[] parts) =>
        Assert.Equal(new Guid(expected), EventIds.From(parts));
}
