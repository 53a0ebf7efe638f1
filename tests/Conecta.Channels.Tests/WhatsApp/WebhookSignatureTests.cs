using System.Text;
using System.Text.Json.Nodes;
using Conecta.Channels.Channels.WhatsApp;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Tests.WhatsApp;

public sealed class WebhookSignatureTests
{
    private const string Pywa = "whatsapp/signed/pywa-signed-text-message.meta.json";
    private const string Unicode = "whatsapp/signed/whatsapp-api-js-signed-unicode-escaped.meta.json";

    /// <summary>A recorded vector: the secret, the exact body bytes and the header Meta sent with them.</summary>
    private sealed record Vector(string Secret, byte[] Body, string Header, JsonNode Meta)
    {
        public static Vector Load(string metaFile)
        {
            var meta = Fixtures.Json(metaFile);
            var body = Fixtures.Bytes("whatsapp/signed/" + (string)meta["body_file"]!);
            Assert.Equal((int)meta["body_length_bytes"]!, body.Length);
            return new Vector((string)meta["app_secret"]!, body, (string)meta["header_value"]!, meta);
        }
    }

    public static TheoryData<string> Vectors => [Pywa, Unicode];

    private static WebhookSignature With(params string[] secrets) =>
        new(Options.Create(new WhatsAppOptions { AppSecrets = [.. secrets] }));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_recorded_signature_verifies(string metaFile)
    {
        var v = Vector.Load(metaFile);

        Assert.True(With(v.Secret).IsValid(v.Header, v.Body));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void One_changed_byte_fails(string metaFile)
    {
        var v = Vector.Load(metaFile);
        foreach (var index in new[] { 0, v.Body.Length / 2, v.Body.Length - 1 })
        {
            var body = v.Body.ToArray();
            body[index] ^= 0x01;
            Assert.False(With(v.Secret).IsValid(v.Header, body), $"byte {index} flipped still verified");
        }
        Assert.False(With(v.Secret).IsValid(v.Header, v.Body.AsSpan(0, v.Body.Length - 1)));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_wrong_secret_fails(string metaFile)
    {
        var v = Vector.Load(metaFile);

        Assert.False(With(v.Secret + "x").IsValid(v.Header, v.Body));
        Assert.False(With(v.Secret[..^1]).IsValid(v.Header, v.Body));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void While_a_secret_rotates_either_verifies(string metaFile)
    {
        var v = Vector.Load(metaFile);

        Assert.True(With("the-old-secret", v.Secret).IsValid(v.Header, v.Body));
        Assert.True(With(v.Secret, "the-new-secret").IsValid(v.Header, v.Body));
        Assert.False(With("the-old-secret", "the-new-secret").IsValid(v.Header, v.Body));
    }

    [Fact]
    public void No_secret_configured_verifies_nothing()
    {
        var v = Vector.Load(Pywa);

        Assert.False(With().IsValid(v.Header, v.Body));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441")] // no prefix
    [InlineData("sha1=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441")] // another algorithm
    [InlineData("sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc44")] // 63 hex digits
    [InlineData("sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc4411")] // 65 hex digits
    [InlineData("sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc44100")] // 33 bytes
    [InlineData("sha256=zzedfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441")] // not hex
    public void A_missing_or_malformed_header_fails(string? header)
    {
        var v = Vector.Load(Pywa);
        Assert.Equal("sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441", v.Header);

        Assert.False(With(v.Secret).IsValid(header, v.Body));
    }

    [Fact]
    public void The_unicode_vector_is_signed_over_the_escaped_bytes_not_over_utf8()
    {
        var v = Vector.Load(Unicode);
        var utf8 = Encoding.UTF8.GetBytes((string)v.Meta["unescaped_original_string"]!);

        Assert.False(With(v.Secret).IsValid(v.Header, utf8));
        Assert.Equal((string)v.Meta["unescaped_utf8_signature_would_be"]!, WebhookSignature.Sign(v.Secret, utf8));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sign_reproduces_the_recorded_header(string metaFile)
    {
        var v = Vector.Load(metaFile);

        Assert.Equal(v.Header, WebhookSignature.Sign(v.Secret, v.Body));
    }

    [Fact]
    public void What_Sign_produces_verifies_and_only_for_its_body()
    {
        var body = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account","entry":[]}""");
        var header = WebhookSignature.Sign("s3cr3t", body);

        Assert.Matches("^sha256=[0-9a-f]{64}$", header);
        Assert.True(With("s3cr3t").IsValid(header, body));
        Assert.False(With("s3cr3t").IsValid(header, [.. body, (byte)' ']));
    }
}
