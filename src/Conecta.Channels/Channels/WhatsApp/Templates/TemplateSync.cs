using Conecta.Channels.Accounts;
using Conecta.Channels.Templates;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Templates;

/// <param name="BusinessAccounts">How many WhatsApp Business Accounts were read.</param>
/// <param name="Saved">Templates stored or refreshed from Meta's list.</param>
/// <param name="Removed">Stored templates Meta no longer lists.</param>
internal sealed record SyncReport(int BusinessAccounts, int Saved, int Removed, IReadOnlyList<SyncFailure> Failures);

internal sealed record SyncFailure(string BusinessAccountId, int Code, string Message);

/// <summary>
/// Reconciles the stored templates with Meta's list, one WABA at a time, following the list's
/// cursors: templates created in Meta's own UI appear, and ones deleted there go. A WABA whose list
/// could not be read whole keeps its rows (nothing is removed on a partial view).
/// </summary>
internal sealed partial class TemplateSync(
    ChannelAccountStore accounts,
    MetaTemplatesClient meta,
    TemplateStore store,
    TimeProvider clock,
    IOptions<TemplatesOptions> options,
    ILogger<TemplateSync> logger)
{
    // A runaway cursor must not loop forever; 500 pages of 100 is beyond any WABA's template cap.
    private const int MaxPages = 500;

    /// <param name="accountId">Only the WABA of this account; null for every active WhatsApp account.</param>
    public async Task<SyncReport> RunAsync(Guid? accountId, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        var active = await accounts.ListActiveWithBusinessAccountAsync(WebhookMapper.Channel, cancellationToken);
        // Templates belong to the WABA: one of its numbers' tokens reads them for all.
        var byBusinessAccount = active.Where(a => accountId is null || a.Id == accountId)
            .GroupBy(a => a.BusinessAccountId!).Select(g => g.First()).ToList();

        int saved = 0, removed = 0;
        var failures = new List<SyncFailure>();
        foreach (var account in byBusinessAccount)
        {
            var credentials = await accounts.GetCredentialsAsync(account.Id, cancellationToken);
            if (credentials is null) continue;
            var (templates, error) = await ReadAllAsync(credentials, cancellationToken);
            if (error is not null)
            {
                failures.Add(new SyncFailure(account.BusinessAccountId!, error.Code, error.Message));
                LogFailed(logger, account.BusinessAccountId!, error.HttpStatus, error.Code, error.Message);
                continue;
            }
            foreach (var template in templates)
            {
                await store.SaveAsync(template, startedAt, cancellationToken);
                saved++;
            }
            removed += await store.RemoveUnsyncedAsync(account.BusinessAccountId!, startedAt, cancellationToken);
        }
        LogSynced(logger, byBusinessAccount.Count, saved, removed, failures.Count);
        return new SyncReport(byBusinessAccount.Count, saved, removed, failures);
    }

    private async Task<(List<TemplateRecord> Templates, MetaError? Error)> ReadAllAsync(ChannelCredentials credentials,
        CancellationToken cancellationToken)
    {
        var templates = new List<TemplateRecord>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await meta.ListAsync(credentials, options.Value.SyncPageSize, after, cancellationToken);
            if (result.Error is not null) return (templates, result.Error);
            templates.AddRange((result.Value?.Data ?? []).Select(t => ToRecord(credentials.BusinessAccountId!, t)).OfType<TemplateRecord>());
            // Meta gives paging.next only while there is more; the cursor rebuilds the request on our own base URL.
            after = result.Value?.Paging is { Next: not null, Cursors.After: { } cursor } ? cursor : null;
            if (after is null) return (templates, null);
        }
        return (templates, new MetaError(0, 0, null, $"More than {MaxPages} pages of templates; the list was not read whole.", null, null, null, null));
    }

    /// <summary>Meta's description of a template as a row; null when it lacks what identifies one.</summary>
    internal static TemplateRecord? ToRecord(string businessAccountId, MetaTemplate template)
    {
        if (template.Id is null || template.Name is null || template.Language is null) return null;
        var components = template.Components ?? [];
        return new TemplateRecord(businessAccountId, template.Id, template.Name, template.Language, template.Category ?? "UNKNOWN",
            template.ParameterFormat ?? InferParameterFormat(components), template.Status ?? "UNKNOWN",
            template.RejectedReason is null or "NONE" ? null : template.RejectedReason, template.QualityScore?.Score, components);
    }

    /// <summary>Older Graph versions omit parameter_format: a named variable anywhere makes the template NAMED.</summary>
    private static string InferParameterFormat(IReadOnlyList<TemplateComponentDefinition> components) =>
        components.SelectMany(c => TemplateRules.Variables(c.Text)).Any(v => !v.All(char.IsAsciiDigit))
            ? MessageTemplate.Named
            : MessageTemplate.Positional;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Templates synced with Meta: {BusinessAccounts} business accounts, {Saved} saved, {Removed} removed, {Failures} failed")]
    private static partial void LogSynced(ILogger logger, int businessAccounts, int saved, int removed, int failures);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Template list of business account {BusinessAccountId} not read (HTTP {HttpStatus}, Meta code {Code}): {Message}")]
    private static partial void LogFailed(ILogger logger, string businessAccountId, int httpStatus, int code, string message);
}

/// <summary>The periodic sync; each instance runs its own (the sync is idempotent), off when Templates:SyncInterval is zero.</summary>
internal sealed partial class TemplateSyncService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<TemplatesOptions> options,
    ILogger<TemplateSyncService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SyncInterval;
        if (interval == TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // A fresh scope per run: the Meta client is a typed HttpClient, not meant to live as long as the service.
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TemplateSync>().RunAsync(accountId: null, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; one failed run must not stop the periodic sync for good.
                LogRunFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Periodic template sync failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
