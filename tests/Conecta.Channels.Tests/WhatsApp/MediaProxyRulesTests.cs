using Conecta.Channels.Channels.WhatsApp;
using Conecta.Channels.Channels;
using Microsoft.Extensions.Configuration;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>What the media proxy checks before it sends an account's token anywhere, and before it forwards an upload.</summary>
public sealed class MediaProxyRulesTests
{
    [Theory]
    [InlineData("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1037543291543636&ext=1&hash=x", true)]
    [InlineData("https://LOOKASIDE.fbsbx.com/whatsapp_business/attachments/?mid=1", true)]
    [InlineData("http://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1", false)] // not https
    [InlineData("https://lookaside.fbsbx.com:8443/whatsapp_business/attachments/?mid=1", false)] // another port
    [InlineData("https://lookaside.fbsbx.com.evil.example/x", false)]
    [InlineData("https://evil.example/?u=https://lookaside.fbsbx.com/", false)]
    [InlineData("https://lookaside.fbsbx.com@evil.example/x", false)] // user info: the host is evil.example
    [InlineData("https://user@lookaside.fbsbx.com/x", false)]
    [InlineData("ftp://lookaside.fbsbx.com/x", false)]
    [InlineData("http://127.0.0.1:9000/x", false)] // loopback only when listed
    public void Only_https_urls_on_meta_s_media_host_are_allowed_by_default(string url, bool allowed) =>
        Assert.Equal(allowed, new WhatsAppOptions().AllowsMediaUrl(new Uri(url)));

    [Fact]
    public void A_listed_origin_is_allowed_with_its_exact_scheme_host_and_port()
    {
        var options = new WhatsAppOptions { MediaOrigins = ["https://cdn.example", "http://127.0.0.1:9000"] };

        Assert.True(options.AllowsMediaUrl(new Uri("https://cdn.example/a/b?c=1")));
        Assert.True(options.AllowsMediaUrl(new Uri("http://127.0.0.1:9000/lookaside/1")));
        Assert.False(options.AllowsMediaUrl(new Uri("http://127.0.0.1:9001/lookaside/1")));
        Assert.False(options.AllowsMediaUrl(new Uri("https://lookaside.fbsbx.com/x")));
    }

    [Fact]
    public void Configured_origins_are_added_to_meta_s_host()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MediaOrigins:0"] = "https://cdn.example" }).Build();

        var options = configuration.Get<WhatsAppOptions>()!;

        Assert.Equal([WhatsAppOptions.MetaMediaOrigin, "https://cdn.example"], options.MediaOrigins);
    }

    [Theory]
    [InlineData("https://lookaside.fbsbx.com", true)]
    [InlineData("https://lookaside.fbsbx.com/", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://cdn.example", false)] // plain http beyond loopback
    [InlineData("https://cdn.example/path", false)]
    [InlineData("https://cdn.example/?q=1", false)]
    [InlineData("https://user:pw@cdn.example", false)]
    public void An_allow_list_entry_is_an_origin_https_or_loopback_http(string origin, bool valid) =>
        Assert.Equal(valid, WhatsAppOptions.IsOrigin(new Uri(origin)));

    [Fact]
    public void The_options_refuse_an_entry_that_is_no_origin()
    {
        var validator = new WhatsAppOptionsValidator(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });
        var options = new WhatsAppOptions { AppSecrets = ["s"], VerifyToken = "v", MediaOrigins = ["http://cdn.example"] };

        Assert.Contains("WhatsApp:MediaOrigins are origins", validator.Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/pdf", "nota fiscal.pdf")]
    [InlineData("image/jpeg", "foto 😀 ção.jpg")]
    [InlineData("audio/ogg; codecs=opus", "voz.ogg")]
    public void A_typed_upload_with_a_plain_file_name_is_forwarded(string contentType, string fileName) =>
        Assert.Empty(MediaApi.UploadProblems(contentType, fileName));

    [Theory]
    [InlineData(null, "a.pdf", "file.contentType")]
    [InlineData("", "a.pdf", "file.contentType")]
    [InlineData("pdf", "a.pdf", "file.contentType")]
    [InlineData("application/", "a.pdf", "file.contentType")]
    [InlineData("application/pdf; =", "a.pdf", "file.contentType")]
    [InlineData("application/pdf", "a\".pdf", "file.fileName")]
    [InlineData("application/pdf", "a\r\nContent-Type: text/html.pdf", "file.fileName")]
    [InlineData("application/pdf", "a\\b.pdf", "file.fileName")]
    [InlineData("application/pdf", "a\u0000.pdf", "file.fileName")]
    [InlineData("application/pdf", " ", "file.fileName")]
    public void A_bad_content_type_or_file_name_is_named_by_its_field(string? contentType, string fileName, string field) =>
        Assert.Equal([field], MediaApi.UploadProblems(contentType, fileName).Keys);
}
