using System.Globalization;
using System.Text.Json.Nodes;
using Conecta.Channels.Channels.WhatsApp.Templates;
using Conecta.Channels.Templates;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

/// <summary>A template as the sandbox's Meta holds it.</summary>
internal sealed record SandboxTemplate(string Id, string BusinessAccountId, string Name, string Language, string Category,
    string? ParameterFormat, string Status, string Reason, IReadOnlyList<TemplateComponentDefinition> Components)
{
    /// <summary>How Meta describes it in a create answer and in its list.</summary>
    public MetaTemplate Described() =>
        new(Id, Name, Language, Status, Category, ParameterFormat ?? MessageTemplate.Positional, Reason, null, Components);
}

/// <summary>
/// The sandbox's message templates, per WhatsApp Business Account, as Meta keeps them: a created template is PENDING,
/// and after Sandbox:TemplateReviewDelay the review decides (<see cref="Review"/>) and Meta's signed
/// message_template_status_update webhook goes to this instance's own webhook, so the registry learns the result the
/// way it learns it from Meta. Kept in memory; at start the registry's templates are taken back, so a restarted
/// sandbox still knows what the service knows.
/// </summary>
internal sealed partial class SandboxTemplates(SandboxWebhooks webhooks, TemplateStore registry, TimeProvider clock,
    IOptions<SandboxOptions> options, IHostApplicationLifetime lifetime, ILogger<SandboxTemplates> logger) : IHostedService
{
    /// <summary>The documented way to see a rejection: a name that begins with this is REJECTED.</summary>
    public const string RejectPrefix = "reject_";

    private readonly Dictionary<string, SandboxTemplate> _templates = [];
    private readonly Lock _gate = new();

    /// <summary>The review: a name beginning with <see cref="RejectPrefix"/> is REJECTED (INVALID_FORMAT); any other APPROVED.</summary>
    internal static (string Status, string Reason) Review(string name) =>
        name.StartsWith(RejectPrefix, StringComparison.Ordinal) ? ("REJECTED", "INVALID_FORMAT") : (MessageTemplate.Approved, "NONE");

    /// <returns>The PENDING template, or null when this WABA has the name in that language already (as Meta refuses it).</returns>
    public SandboxTemplate? Create(string businessAccountId, MetaTemplateSubmission submission)
    {
        SandboxTemplate created;
        lock (_gate)
        {
            if (FindLocked(businessAccountId, submission.Name, submission.Language) is not null) return null;
            var id = Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString(CultureInfo.InvariantCulture);
            created = new SandboxTemplate(id, businessAccountId, submission.Name, submission.Language, submission.Category,
                submission.ParameterFormat, "PENDING", "NONE", submission.Components);
            _templates[id] = created;
        }
        _ = ReviewAsync(created, lifetime.ApplicationStopping);
        return created;
    }

    /// <summary>One WABA's templates, oldest first (ids grow with time at Meta too, near enough for paging).</summary>
    public IReadOnlyList<SandboxTemplate> List(string businessAccountId)
    {
        lock (_gate) return _templates.Values.Where(t => t.BusinessAccountId == businessAccountId).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
    }

    public SandboxTemplate? Find(string businessAccountId, string name, string language)
    {
        lock (_gate) return FindLocked(businessAccountId, name, language);
    }

    /// <summary>Meta's delete: every language of the name, or the one translation <paramref name="templateId"/> (hsm_id).</summary>
    /// <returns>How many were deleted.</returns>
    public int Delete(string businessAccountId, string name, string? templateId)
    {
        lock (_gate)
        {
            var doomed = _templates.Values.Where(t => t.BusinessAccountId == businessAccountId && t.Name == name && (templateId is null || t.Id == templateId))
                .Select(t => t.Id).ToList();
            foreach (var id in doomed) _templates.Remove(id);
            return doomed.Count;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var known = await registry.ListAsync(new TemplateFilter(null, null, null, null, page, 200), cancellationToken);
            lock (_gate)
            {
                foreach (var t in known.Items)
                    _templates.TryAdd(t.ProviderTemplateId, new SandboxTemplate(t.ProviderTemplateId, t.BusinessAccountId, t.Name, t.Language,
                        t.Category, t.ParameterFormat, t.Status, t.StatusReason ?? "NONE", t.Components));
            }
            if (known.Items.Count < known.PageSize) return;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private SandboxTemplate? FindLocked(string businessAccountId, string name, string language) =>
        _templates.Values.FirstOrDefault(t => t.BusinessAccountId == businessAccountId && t.Name == name && t.Language == language);

    private async Task ReviewAsync(SandboxTemplate pending, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(options.Value.TemplateReviewDelay, clock, cancellationToken);
            var (status, reason) = Review(pending.Name);
            lock (_gate)
            {
                // Deleted while in review: nothing to tell.
                if (!_templates.ContainsKey(pending.Id)) return;
                _templates[pending.Id] = pending with { Status = status, Reason = reason };
            }
            var answered = await webhooks.PostAsync(StatusWebhook(pending, status, reason, clock.GetUtcNow()), cancellationToken);
            LogReviewed(logger, pending.Name, pending.Language, status, answered);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            LogReviewNotPosted(logger, pending.Name, e.Message);
        }
    }

    /// <summary>Meta's message_template_status_update, its id a number as Meta sends it.</summary>
    internal static JsonObject StatusWebhook(SandboxTemplate template, string status, string reason, DateTimeOffset at) =>
        SandboxWebhooks.Envelope(template.BusinessAccountId, "message_template_status_update", new JsonObject
        {
            ["event"] = status,
            ["message_template_id"] = long.Parse(template.Id, CultureInfo.InvariantCulture),
            ["message_template_name"] = template.Name,
            ["message_template_language"] = template.Language,
            ["reason"] = reason,
            ["message_template_category"] = template.Category,
        }, at);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox: template {Name} ({Language}) reviewed {Status}; the status webhook answered {HttpStatus}")]
    private static partial void LogReviewed(ILogger logger, string name, string language, string status, int httpStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox: the review of template {Name} was not posted: {Reason}")]
    private static partial void LogReviewNotPosted(ILogger logger, string name, string reason);
}
