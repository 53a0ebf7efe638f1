using System.Data.Common;
using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Data;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Accounts;

/// <summary>Outcome of a conditional write: the stored account, or why there is none.</summary>
internal enum WriteOutcome { Done, NotFound, VersionMismatch, Duplicate }

internal sealed record AccountWrite(WriteOutcome Outcome, ChannelAccount? Account = null);

/// <summary>
/// Channel accounts in PostgreSQL or SQLite (Dapper; the same SQL for both dialects): the admin API's registry, and what the
/// rest of the service asks about accounts (routing, credentials).
/// </summary>
internal sealed class ChannelAccountStore(
    Database database,
    AccessTokenProtector protector,
    IMemoryCache cache,
    TimeProvider clock,
    IOptions<AccountsOptions> options,
    IEnumerable<ChannelProfile> channels)
{
    private readonly IReadOnlyList<ChannelProfile> _channels = channels.ToList();

    private const string Columns = """
        id AS Id, channel AS Channel, provider_account_id AS ProviderAccountId, business_account_id AS BusinessAccountId,
        display_number AS DisplayNumber, graph_api_version AS GraphApiVersion, default_team AS DefaultTeam,
        rate_limit_per_second AS RateLimitPerSecond, join_notice AS JoinNotice, leave_notice AS LeaveNotice, status AS Status,
        provider_status AS ProviderStatus, quality_rating AS QualityRating, messaging_limit_tier AS MessagingLimitTier, standing AS Standing,
        marketing_messages_api AS MarketingMessagesApi, participant_notices AS ParticipantNotices,
        version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    private const string InsertSql = """
        INSERT INTO channel_accounts (id, channel, provider_account_id, business_account_id, display_number, access_token,
            graph_api_version, default_team, rate_limit_per_second, join_notice, leave_notice, marketing_messages_api, participant_notices,
            status, version, created_at, updated_at)
        VALUES (@Id, @Channel, @ProviderAccountId, @BusinessAccountId, @DisplayNumber, @AccessToken,
            @GraphApiVersion, @DefaultTeam, @RateLimitPerSecond, @JoinNotice, @LeaveNotice, @MarketingMessagesApi, @ParticipantNotices,
            'active', 1, @Now, @Now)
        ON CONFLICT (channel, provider_account_id) DO NOTHING
        """;

    // The version in the WHERE clause makes the check and the write one atomic statement.
    private const string UpdateSql = """
        UPDATE channel_accounts SET business_account_id = @BusinessAccountId, display_number = @DisplayNumber,
            access_token = COALESCE(@AccessToken, access_token), graph_api_version = @GraphApiVersion, default_team = @DefaultTeam,
            rate_limit_per_second = @RateLimitPerSecond, join_notice = @JoinNotice, leave_notice = @LeaveNotice,
            marketing_messages_api = @MarketingMessagesApi, participant_notices = @ParticipantNotices,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """;

    private const string DisableSql = """
        UPDATE channel_accounts SET status = 'disabled', version = version + 1, updated_at = @Now
        WHERE id = @Id AND status <> 'disabled'
        """;

    // A number-level change (quality of one number) names the display number; account-level ones apply to every number of the WABA.
    private const string ProviderChangeSql = """
        UPDATE channel_accounts SET quality_rating = COALESCE(@QualityRating, quality_rating),
            messaging_limit_tier = COALESCE(@MessagingLimitTier, messaging_limit_tier),
            provider_status = COALESCE(@ProviderStatus, provider_status), standing = COALESCE(@Standing, standing),
            version = version + 1, updated_at = @Now
        WHERE channel = @Channel AND business_account_id = @BusinessAccountId
          AND (@DisplayNumber IS NULL OR display_number = @DisplayNumber)
        RETURNING provider_account_id
        """;

    public async Task<AccountWrite> CreateAsync(ChannelAccountInput input, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(Command(InsertSql, Parameters(id, input, protector.Protect(id, input.AccessToken!)), cancellationToken));
        if (inserted == 0) return new AccountWrite(WriteOutcome.Duplicate);
        var account = (await GetAsync(connection, id, cancellationToken))!;
        // A webhook that came before the number was registered left "unknown" in this instance's cache.
        Forget(account);
        return new AccountWrite(WriteOutcome.Done, account);
    }

    public async Task<ChannelAccount?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, id, cancellationToken);
    }

    public async Task<IReadOnlyList<ChannelAccount>> ListAsync(string? channel, string? status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AccountRow>(Command(
            $"SELECT {Columns} FROM channel_accounts WHERE (@Channel IS NULL OR channel = @Channel) AND (@Status IS NULL OR status = @Status) ORDER BY created_at, id",
            new { Channel = channel, Status = status }, cancellationToken));
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<AccountWrite> UpdateAsync(Guid id, long expectedVersion, ChannelAccountInput input, CancellationToken cancellationToken)
    {
        var token = input.AccessToken is null ? null : protector.Protect(id, input.AccessToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = Parameters(id, input, token);
        parameters.Add("Version", expectedVersion);
        var updated = await connection.ExecuteAsync(Command(UpdateSql, parameters, cancellationToken));
        var account = await GetAsync(connection, id, cancellationToken);
        if (account is null) return new AccountWrite(WriteOutcome.NotFound);
        Forget(account);
        return new AccountWrite(updated == 0 ? WriteOutcome.VersionMismatch : WriteOutcome.Done, account);
    }

    /// <summary>Disabling twice is not an error: the account is disabled either way.</summary>
    public async Task<ChannelAccount?> DisableAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(Command(DisableSql, new { Id = id.ToString(), Now = Now() }, cancellationToken));
        var account = await GetAsync(connection, id, cancellationToken);
        if (account is not null) Forget(account);
        return account;
    }

    /// <returns>How many accounts the change applied to.</returns>
    public async Task<int> ApplyProviderChangeAsync(ChannelAccountChanged change, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.QueryAsync<string>(Command(ProviderChangeSql, new
        {
            change.Channel,
            change.BusinessAccountId,
            DisplayNumber = change.BusinessNumber is null ? null : ChannelAccountRules.NormalizeNumber(change.BusinessNumber),
            change.QualityRating,
            change.MessagingLimitTier,
            // Only account_update speaks about the account's standing; quality events carry FLAGGED/UPGRADE words instead.
            ProviderStatus = change.Change == "account_update" ? change.Event : null,
            change.Standing,
            Now = Now(),
        }, cancellationToken));
        // This instance's cached copies are forgotten, so a stop (or its lift) applies from the next send; other instances lag on
        // the fields just changed for at most the cache duration.
        var numbers = updated.ToList();
        foreach (var number in numbers) cache.Remove(CacheKey(change.Channel, number));
        return numbers.Count;
    }

    /// <summary>Active accounts of a channel that name a business account (WABA): those whose tokens can manage templates.</summary>
    public async Task<IReadOnlyList<ChannelAccount>> ListActiveWithBusinessAccountAsync(string channel, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AccountRow>(Command(
            $"SELECT {Columns} FROM channel_accounts WHERE channel = @Channel AND status = 'active' AND business_account_id IS NOT NULL ORDER BY created_at, id",
            new { Channel = channel }, cancellationToken));
        return rows.Select(r => r.ToAccount()).ToList();
    }

    /// <summary>The account behind a provider id (WhatsApp phone_number_id), disabled ones included; null when unknown. Cached briefly.</summary>
    public async Task<ChannelAccount?> FindByProviderIdAsync(string channel, string providerAccountId, CancellationToken cancellationToken)
    {
        var key = CacheKey(channel, providerAccountId);
        if (cache.TryGetValue(key, out ChannelAccount? cached)) return cached;
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(Command(
            $"SELECT {Columns} FROM channel_accounts WHERE channel = @Channel AND provider_account_id = @ProviderAccountId",
            new { Channel = channel, ProviderAccountId = providerAccountId }, cancellationToken));
        var account = row?.ToAccount();
        // Unknown ids are cached too: a flood of webhooks for an unregistered number must not become a flood of queries.
        cache.Set(key, account, options.Value.CacheDuration);
        return account;
    }

    /// <summary>
    /// The account a command names by its provider id alone, on whichever channel registered it (provider ids do not collide
    /// across channels; each channel is asked in registration order, cached like the lookup above).
    /// </summary>
    public async Task<ChannelAccount?> FindByProviderIdAsync(string providerAccountId, CancellationToken cancellationToken)
    {
        foreach (var channel in _channels)
            if (await FindByProviderIdAsync(channel.Name, providerAccountId, cancellationToken) is { } account)
                return account;
        return null;
    }

    /// <summary>Decrypted access token and pinned API version for outbound calls; null when the account is unknown.</summary>
    public async Task<ChannelCredentials?> GetCredentialsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CredentialsRow>(Command(
            "SELECT business_account_id AS BusinessAccountId, graph_api_version AS GraphApiVersion, access_token AS AccessToken FROM channel_accounts WHERE id = @Id",
            new { Id = accountId.ToString() }, cancellationToken));
        if (row is null) return null;
        return new ChannelCredentials(accountId, row.BusinessAccountId, row.GraphApiVersion, protector.Unprotect(accountId, row.AccessToken));
    }

    private static async Task<ChannelAccount?> GetAsync(DbConnection connection, Guid id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(Command(
            $"SELECT {Columns} FROM channel_accounts WHERE id = @Id", new { Id = id.ToString() }, cancellationToken));
        return row?.ToAccount();
    }

    private DynamicParameters Parameters(Guid id, ChannelAccountInput input, byte[]? accessToken) => new(new
    {
        Id = id.ToString(),
        input.Channel,
        input.ProviderAccountId,
        input.BusinessAccountId,
        DisplayNumber = input.DisplayNumber is null ? null : ChannelAccountRules.NormalizeNumber(input.DisplayNumber),
        AccessToken = accessToken,
        input.GraphApiVersion,
        input.DefaultTeam,
        RateLimitPerSecond = input.RateLimitPerSecond ?? ChannelAccountRules.DefaultRateLimitOf(input.Channel, _channels),
        JoinNotice = input.JoinNotice ?? ChannelAccountRules.DefaultJoinNotice,
        LeaveNotice = input.LeaveNotice ?? ChannelAccountRules.DefaultLeaveNotice,
        MarketingMessagesApi = input.MarketingMessagesApi ?? false,
        ParticipantNotices = input.ParticipantNotices ?? true,
        Now = Now(),
    });

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private void Forget(ChannelAccount account) => cache.Remove(CacheKey(account.Channel, account.ProviderAccountId));

    private static string CacheKey(string channel, string providerAccountId) => $"channel-account:{channel}:{providerAccountId}";

    private static CommandDefinition Command(string sql, object parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, cancellationToken: cancellationToken);

    private sealed class CredentialsRow
    {
        public string? BusinessAccountId { get; init; }
        public string? GraphApiVersion { get; init; }
        public byte[] AccessToken { get; init; } = [];
    }

    private sealed class AccountRow
    {
        public string Id { get; init; } = "";
        public string Channel { get; init; } = "";
        public string ProviderAccountId { get; init; } = "";
        public string? BusinessAccountId { get; init; }
        public string? DisplayNumber { get; init; }
        public string? GraphApiVersion { get; init; }
        public string? DefaultTeam { get; init; }
        public int RateLimitPerSecond { get; init; }
        public string JoinNotice { get; init; } = "";
        public string LeaveNotice { get; init; } = "";
        public string Status { get; init; } = "";
        public string? ProviderStatus { get; init; }
        public string? QualityRating { get; init; }
        public string? MessagingLimitTier { get; init; }
        public string? Standing { get; init; }
        public bool MarketingMessagesApi { get; init; }
        public bool ParticipantNotices { get; init; }
        public long Version { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }

        public ChannelAccount ToAccount() => new(Guid.Parse(Id), Channel, ProviderAccountId, BusinessAccountId, DisplayNumber,
            GraphApiVersion, DefaultTeam, RateLimitPerSecond, JoinNotice, LeaveNotice, Status, ProviderStatus, QualityRating,
            MessagingLimitTier, Standing, Version, Utc(CreatedAt), Utc(UpdatedAt), MarketingMessagesApi, ParticipantNotices);
    }

    /// <summary>SQLite hands timestamps back without a kind; both dialects store UTC.</summary>
    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
