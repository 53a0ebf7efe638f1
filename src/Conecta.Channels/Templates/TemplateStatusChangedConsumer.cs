using Conecta.Channels.Contracts.Events;
using MassTransit;

namespace Conecta.Channels.Templates;

/// <summary>Applies Meta's status, quality and category webhooks to the stored template.</summary>
internal sealed partial class TemplateStatusChangedConsumer(TemplateStore store, TemplateMetrics metrics, ILogger<TemplateStatusChangedConsumer> logger)
    : IConsumer<TemplateStatusChanged>
{
    public async Task Consume(ConsumeContext<TemplateStatusChanged> context)
    {
        var change = context.Message;
        var updated = await store.ApplyChangeAsync(change, context.CancellationToken);
        metrics.Changed(change.Change, change.Event ?? change.Current, applied: updated > 0);
        // A template made in Meta's UI is unknown until the next sync, which brings its current state anyway.
        if (updated == 0) LogNotApplied(logger, change.Change, change.TemplateId, change.BusinessAccountId);
        else LogApplied(logger, change.Change, change.TemplateId, change.Event ?? change.Current);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Template {TemplateId} {Change} change applied: {Value}")]
    private static partial void LogApplied(ILogger logger, string change, string? templateId, string? value);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Template {TemplateId} {Change} change not applied (unknown template of {BusinessAccountId}, older than the stored state, or nothing to store)")]
    private static partial void LogNotApplied(ILogger logger, string change, string? templateId, string businessAccountId);
}
