using System.Text.Json;
using Conecta.Channels.Channels.WhatsApp;
using Conecta.Channels.Channels.WhatsApp.Sandbox;
using Conecta.Channels.Channels.WhatsApp.Templates;
using Conecta.Channels.Data;
using Conecta.Channels.Templates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.Sandbox;

/// <summary>The sandbox's Meta: a template waits PENDING for the review delay, then its signed status webhook goes out.</summary>
public sealed class SandboxTemplatesTests : IDisposable
{
    private const string Waba = "102290129340398";
    private const string Secret = "dev-app-secret";
    private static readonly TimeSpan ReviewDelay = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly Webhook _webhook = new();

    [Theory]
    [InlineData("retomar_contato", "APPROVED", "NONE")]
    [InlineData("reject_retomar_contato", "REJECTED", "INVALID_FORMAT")]
    [InlineData("nao_reject_me", "APPROVED", "NONE")]
    public void The_review_rejects_only_names_with_the_reject_prefix(string name, string status, string reason) =>
        Assert.Equal((status, reason), SandboxTemplates.Review(name));

    [Fact]
    public async Task A_template_is_pending_until_the_review_delay_then_approved_and_its_signed_webhook_posted()
    {
        var templates = Create();

        var created = templates.Create(Waba, Submission("retomar_contato"))!;
        var pending = templates.Find(Waba, "retomar_contato", "pt_BR");
        _clock.Advance(ReviewDelay - TimeSpan.FromMilliseconds(1));
        Assert.False(_webhook.Posted.Task.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var (body, signature) = await _webhook.Posted.Task;

        Assert.Equal("PENDING", pending!.Status);
        Assert.Equal(MessageTemplate.Approved, templates.Find(Waba, "retomar_contato", "pt_BR")!.Status);
        Assert.Equal(WebhookSignature.Sign(Secret, body), signature);
        using var json = JsonDocument.Parse(body);
        var entry = json.RootElement.GetProperty("entry")[0];
        var change = entry.GetProperty("changes")[0];
        var value = change.GetProperty("value");
        Assert.Equal((Waba, _clock.GetUtcNow().ToUnixTimeSeconds(), "message_template_status_update"),
            (entry.GetProperty("id").GetString(), entry.GetProperty("time").GetInt64(), change.GetProperty("field").GetString()));
        Assert.Equal(("APPROVED", long.Parse(created.Id, System.Globalization.CultureInfo.InvariantCulture), "retomar_contato", "pt_BR", "NONE", "UTILITY"),
            (value.GetProperty("event").GetString(), value.GetProperty("message_template_id").GetInt64(), value.GetProperty("message_template_name").GetString(),
             value.GetProperty("message_template_language").GetString(), value.GetProperty("reason").GetString(), value.GetProperty("message_template_category").GetString()));
    }

    [Fact]
    public void A_name_and_language_a_business_account_has_already_is_refused_and_another_account_may_have_it()
    {
        var templates = Create();

        var first = templates.Create(Waba, Submission("retomar_contato"));
        var again = templates.Create(Waba, Submission("retomar_contato"));
        var english = templates.Create(Waba, Submission("retomar_contato") with { Language = "en_US" });
        var elsewhere = templates.Create("999", Submission("retomar_contato"));

        Assert.NotNull(first);
        Assert.Null(again);
        Assert.NotNull(english);
        Assert.NotNull(elsewhere);
        Assert.Equal(2, templates.List(Waba).Count);
    }

    [Fact]
    public void Delete_takes_one_translation_by_its_id_or_every_language_of_the_name()
    {
        var templates = Create();
        var portuguese = templates.Create(Waba, Submission("retomar_contato"))!;
        templates.Create(Waba, Submission("retomar_contato") with { Language = "en_US" });
        templates.Create(Waba, Submission("outro"));

        var one = templates.Delete(Waba, "retomar_contato", portuguese.Id);
        var rest = templates.Delete(Waba, "retomar_contato", templateId: null);

        Assert.Equal((1, 1), (one, rest));
        Assert.Equal(["outro"], templates.List(Waba).Select(t => t.Name));
    }

    public void Dispose() => _webhook.Dispose();

    private static MetaTemplateSubmission Submission(string name) =>
        new(name, "pt_BR", "UTILITY", null, [new TemplateComponentDefinition("BODY", Text: "Olá! Podemos retomar seu atendimento?")]);

    private SandboxTemplates Create()
    {
        var sandbox = Options.Create(new SandboxOptions { Enabled = true, TemplateReviewDelay = ReviewDelay, WebhookUrl = "http://127.0.0.1:5080/webhooks/whatsapp" });
        var whatsApp = Options.Create(new WhatsAppOptions { AppSecrets = [Secret] });
        var webhooks = new SandboxWebhooks(new Clients(_webhook), new SandboxSelf(new NoServer(), sandbox), whatsApp);
        var registry = new TemplateStore(new Database(SqlDialect.Sqlite, "Data Source=:memory:"), _clock);
        return new SandboxTemplates(webhooks, registry, _clock, sandbox, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance),
            NullLogger<SandboxTemplates>.Instance);
    }

    /// <summary>The service's webhook: answers 200 and hands over the first body and its signature.</summary>
    private sealed class Webhook : HttpMessageHandler
    {
        public TaskCompletionSource<(byte[] Body, string Signature)> Posted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("http://127.0.0.1:5080/webhooks/whatsapp", request.RequestUri!.AbsoluteUri);
            Posted.TrySetResult((await request.Content!.ReadAsByteArrayAsync(cancellationToken),
                request.Headers.GetValues(WebhookSignature.HeaderName).Single()));
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        }
    }

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    /// <summary>No server is asked: Sandbox:WebhookUrl is set.</summary>
    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
            Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() { }
    }
}
