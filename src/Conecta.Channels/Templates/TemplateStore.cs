using System.Text.Json;
using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Data;
using Dapper;

namespace Conecta.Channels.Templates;

/// <summary>A template as Meta described it, about to be stored (after a create or during a sync).</summary>
internal sealed record TemplateRecord(
    string BusinessAccountId,
    string ProviderTemplateId,
    string Name,
    string Language,
    string Category,
    string ParameterFormat,
    string Status,
    string? StatusReason,
    string? QualityScore,
    IReadOnlyList<TemplateComponentDefinition> Components);

internal sealed record TemplateFilter(string? BusinessAccountId, string? Status, string? Language, string? Name, int Page, int PageSize);

/// <summary>Message templates in PostgreSQL or SQLite (Dapper; the same SQL for both dialects).</summary>
internal sealed class TemplateStore(Database database, TimeProvider clock)
{
    private const string Columns = """
        id AS Id, business_account_id AS BusinessAccountId, provider_template_id AS ProviderTemplateId, name AS Name,
        language AS Language, category AS Category, parameter_format AS ParameterFormat, status AS Status,
        status_reason AS StatusReason, quality_score AS QualityScore, components AS Components,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    // One statement for create and sync: a translation deleted and recreated in Meta's UI keeps its row and takes the new id.
    private const string UpsertSql = """
        INSERT INTO message_templates (id, business_account_id, provider_template_id, name, language, category, parameter_format,
            status, status_reason, quality_score, components, status_at, synced_at, created_at, updated_at)
        VALUES (@Id, @BusinessAccountId, @ProviderTemplateId, @Name, @Language, @Category, @ParameterFormat,
            @Status, @StatusReason, @QualityScore, @Components, NULL, @SyncedAt, @Now, @Now)
        ON CONFLICT (business_account_id, name, language) DO UPDATE SET provider_template_id = excluded.provider_template_id,
            category = excluded.category, parameter_format = excluded.parameter_format, status = excluded.status,
            status_reason = excluded.status_reason, quality_score = COALESCE(excluded.quality_score, message_templates.quality_score),
            components = excluded.components, status_at = excluded.status_at, synced_at = excluded.synced_at,
            updated_at = excluded.updated_at
        """;

    // status_at orders status webhooks: a retried older one changes nothing after a newer one was applied.
    private const string StatusSql = """
        UPDATE message_templates SET status = @Status, status_reason = @Reason, category = COALESCE(@Category, category),
            status_at = @OccurredAt, updated_at = @Now
        WHERE business_account_id = @BusinessAccountId AND provider_template_id = @TemplateId AND (status_at IS NULL OR status_at <= @OccurredAt)
        """;

    private const string QualitySql = """
        UPDATE message_templates SET quality_score = @Current, updated_at = @Now
        WHERE business_account_id = @BusinessAccountId AND provider_template_id = @TemplateId
        """;

    private const string CategorySql = """
        UPDATE message_templates SET category = @Current, updated_at = @Now
        WHERE business_account_id = @BusinessAccountId AND provider_template_id = @TemplateId
        """;

    // Rows created while the sync was listing are not its to remove.
    private const string RemoveUnsyncedSql = """
        DELETE FROM message_templates
        WHERE business_account_id = @BusinessAccountId AND created_at < @StartedAt AND (synced_at IS NULL OR synced_at < @StartedAt)
        """;

    public async Task<MessageTemplate> SaveAsync(TemplateRecord template, DateTimeOffset? syncedAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(Command(UpsertSql, new
        {
            Id = Guid.CreateVersion7(now).ToString(),
            template.BusinessAccountId,
            template.ProviderTemplateId,
            template.Name,
            template.Language,
            template.Category,
            template.ParameterFormat,
            template.Status,
            template.StatusReason,
            template.QualityScore,
            Components = JsonSerializer.Serialize(template.Components, JsonSerializerOptions.Web),
            Now = now.UtcDateTime,
            SyncedAt = syncedAt?.UtcDateTime,
        }, cancellationToken));
        var row = await connection.QuerySingleAsync<TemplateRow>(Command(
            $"SELECT {Columns} FROM message_templates WHERE business_account_id = @BusinessAccountId AND name = @Name AND language = @Language",
            new { template.BusinessAccountId, template.Name, template.Language }, cancellationToken));
        return row.ToTemplate();
    }

    public async Task<MessageTemplate?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TemplateRow>(Command(
            $"SELECT {Columns} FROM message_templates WHERE id = @Id", new { Id = id.ToString() }, cancellationToken));
        return row?.ToTemplate();
    }

    public async Task<MessageTemplate?> FindAsync(string businessAccountId, string name, string language, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TemplateRow>(Command(
            $"SELECT {Columns} FROM message_templates WHERE business_account_id = @BusinessAccountId AND name = @Name AND language = @Language",
            new { BusinessAccountId = businessAccountId, Name = name, Language = language }, cancellationToken));
        return row?.ToTemplate();
    }

    public async Task<TemplatePage> ListAsync(TemplateFilter filter, CancellationToken cancellationToken)
    {
        // Only the filters given become conditions; each one is a parameter, never spliced text.
        var conditions = new List<string>();
        if (filter.BusinessAccountId is not null) conditions.Add("business_account_id = @BusinessAccountId");
        if (filter.Status is not null) conditions.Add("status = @Status");
        if (filter.Language is not null) conditions.Add("language = @Language");
        if (filter.Name is not null) conditions.Add("name = @Name");
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        var parameters = new
        {
            filter.BusinessAccountId,
            filter.Status,
            filter.Language,
            filter.Name,
            Limit = filter.PageSize,
            // In 64 bits: page 2,147,483,647 of 200 overflowed int into a negative OFFSET, which PostgreSQL refuses (a 500).
            Offset = (long)(filter.Page - 1) * filter.PageSize,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(Command($"SELECT COUNT(*) FROM message_templates {where}", parameters, cancellationToken));
        var rows = await connection.QueryAsync<TemplateRow>(Command(
            $"SELECT {Columns} FROM message_templates {where} ORDER BY name, language, id LIMIT @Limit OFFSET @Offset", parameters, cancellationToken));
        return new TemplatePage(rows.Select(r => r.ToTemplate()).ToList(), filter.Page, filter.PageSize, total);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(Command("DELETE FROM message_templates WHERE id = @Id", new { Id = id.ToString() }, cancellationToken));
    }

    /// <returns>How many rows the change applied to (0: unknown template, or an older status than stored).</returns>
    public async Task<int> ApplyChangeAsync(TemplateStatusChanged change, CancellationToken cancellationToken)
    {
        var sql = change.Change switch
        {
            "status" when change.Event is not null => StatusSql,
            "quality" when change.Current is not null => QualitySql,
            "category" when change.Current is not null => CategorySql,
            _ => null,
        };
        if (sql is null || change.TemplateId is null) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(sql, new
        {
            change.BusinessAccountId,
            change.TemplateId,
            Status = change.Event,
            // Meta says NONE when there is no reason.
            Reason = change.Reason is null or "NONE" ? null : change.Reason,
            change.Category,
            change.Current,
            OccurredAt = change.OccurredAt?.UtcDateTime ?? now,
            Now = now,
        }, cancellationToken));
    }

    public async Task<int> RemoveUnsyncedAsync(string businessAccountId, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(RemoveUnsyncedSql,
            new { BusinessAccountId = businessAccountId, StartedAt = startedAt.UtcDateTime }, cancellationToken));
    }

    private static CommandDefinition Command(string sql, object parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, cancellationToken: cancellationToken);

    private sealed class TemplateRow
    {
        public string Id { get; init; } = "";
        public string BusinessAccountId { get; init; } = "";
        public string ProviderTemplateId { get; init; } = "";
        public string Name { get; init; } = "";
        public string Language { get; init; } = "";
        public string Category { get; init; } = "";
        public string ParameterFormat { get; init; } = "";
        public string Status { get; init; } = "";
        public string? StatusReason { get; init; }
        public string? QualityScore { get; init; }
        public string Components { get; init; } = "[]";
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }

        public MessageTemplate ToTemplate() => new(Guid.Parse(Id), BusinessAccountId, ProviderTemplateId, Name, Language, Category,
            ParameterFormat, Status, StatusReason, QualityScore,
            JsonSerializer.Deserialize<List<TemplateComponentDefinition>>(Components, JsonSerializerOptions.Web) ?? [],
            ChannelAccountStore.Utc(CreatedAt), ChannelAccountStore.Utc(UpdatedAt));
    }
}
