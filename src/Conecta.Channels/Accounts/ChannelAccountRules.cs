using System.Text.RegularExpressions;
using Conecta.Channels.Channels;
using Conecta.Channels.Data;

namespace Conecta.Channels.Accounts;

/// <summary>
/// The account fields an admin may send, checked without I/O; errors are keyed by JSON field name. What every account needs
/// is checked here; what a channel needs of its own (the form of its ids, its token) is its profile's
/// <see cref="ChannelProfile.AccountProblems"/>.
/// </summary>
internal static partial class ChannelAccountRules
{
    public const int MaxRateLimit = 1000;
    public const string DefaultJoinNotice = "{nome} entrou na conversa.";
    public const string DefaultLeaveNotice = "{nome} saiu da conversa.";

    private const int MaxNoticeLength = 1024;
    private const int MaxTokenLength = 4096;
    private const int MaxTeamLength = 200;
    private const int MaxProviderIdLength = 128;

    /// <param name="existing">The stored account on update (its channel and provider id cannot change); null on create.</param>
    /// <param name="channels">The channels this instance speaks: an account is of one of them.</param>
    public static Dictionary<string, string[]> Validate(ChannelAccountInput input, ChannelAccount? existing, IReadOnlyList<ChannelProfile> channels)
    {
        var errors = new Dictionary<string, string[]>();
        var channel = channels.FirstOrDefault(c => c.Name == input.Channel);
        if (string.IsNullOrWhiteSpace(input.Channel) || channel is null)
            errors["channel"] = ["Must be one of: " + string.Join(", ", channels.Select(c => c.Name)) + "."];
        if (string.IsNullOrWhiteSpace(input.ProviderAccountId))
            errors["providerAccountId"] = ["Required: the WhatsApp phone_number_id or the Telegram bot id."];
        if (existing is not null && (input.Channel != existing.Channel || input.ProviderAccountId != existing.ProviderAccountId))
            errors["providerAccountId"] = ["The channel and provider account id of an account cannot change; create another account."];

        if (input.DisplayNumber is not null && NormalizeNumber(input.DisplayNumber) is null)
            errors["displayNumber"] = ["A phone number with country code, e.g. +55 31 98888-7777."];

        if (existing is null && string.IsNullOrWhiteSpace(input.AccessToken))
            errors["accessToken"] = ["Required."];
        else if (input.AccessToken is { } token && (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength))
            errors["accessToken"] = [$"Non-empty, at most {MaxTokenLength} characters."];
        // It travels in an HTTP header, which takes visible ASCII only: a pasted "…" or space would fail every call to the provider later.
        else if (input.AccessToken is { } pasted && !pasted.All(c => c is > ' ' and < '\x7f'))
            errors["accessToken"] = ["Visible ASCII characters only, no spaces: the token exactly as the provider issued it (a copied '…' is not part of it)."];

        if (input.GraphApiVersion is not null && !GraphVersion().IsMatch(input.GraphApiVersion))
            errors["graphApiVersion"] = ["Like v24.0, or null for the service default."];
        if (input.RateLimitPerSecond is < 1 or > MaxRateLimit)
            errors["rateLimitPerSecond"] = [$"Between 1 and {MaxRateLimit} messages per second (default: the channel's, {string.Join(", ", channels.Select(c => $"{c.Name} {c.DefaultRateLimit}"))})."];
        CheckNotice(errors, "joinNotice", input.JoinNotice);
        CheckNotice(errors, "leaveNotice", input.LeaveNotice);
        if (input.DefaultTeam is { Length: > MaxTeamLength }) errors["defaultTeam"] = [$"At most {MaxTeamLength} characters."];
        if (input.MarketingMessagesApi == true && channel is { MarketingApi: false })
            errors["marketingMessagesApi"] = [$"The {channel.Name} channel has no marketing API of its own: false or left out. " +
                "Channels that have one: " + string.Join(", ", channels.Where(c => c.MarketingApi).Select(c => c.Name)) + "."];
        if (input.ProviderAccountId is { Length: > MaxProviderIdLength })
            errors["providerAccountId"] = [$"At most {MaxProviderIdLength} characters."];
        // The token is stored encrypted (bytes); every other field is text.
        foreach (var (field, problem) in StoredText.Problems(("channel", input.Channel), ("providerAccountId", input.ProviderAccountId),
                     ("businessAccountId", input.BusinessAccountId), ("displayNumber", input.DisplayNumber), ("graphApiVersion", input.GraphApiVersion),
                     ("defaultTeam", input.DefaultTeam), ("joinNotice", input.JoinNotice), ("leaveNotice", input.LeaveNotice)))
            errors[field] = problem;
        // The channel's own checks speak only where the checks every account gets found nothing.
        foreach (var (field, problem) in channel?.AccountProblems(input) ?? []) errors.TryAdd(field, [problem]);
        return errors;
    }

    /// <summary>The provider's default throughput of an account of that channel.</summary>
    public static int DefaultRateLimitOf(string? channel, IReadOnlyList<ChannelProfile> channels) =>
        channels.FirstOrDefault(c => c.Name == channel)?.DefaultRateLimit ?? throw new ArgumentException($"No channel '{channel}'.", nameof(channel));

    /// <summary>An id made of digits only (at most 32), as Meta's and Telegram's are.</summary>
    public static bool IsDigits(string? value) => value is not null && Digits().IsMatch(value);

    /// <summary>Digits only (country code first), or null when it is not a plausible phone number.</summary>
    public static string? NormalizeNumber(string number)
    {
        var digits = string.Concat(number.Where(char.IsAsciiDigit));
        var allowed = number.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.');
        return allowed && digits.Length is >= 8 and <= 15 ? digits : null;
    }

    private static void CheckNotice(Dictionary<string, string[]> errors, string field, string? notice)
    {
        if (notice is not null && (string.IsNullOrWhiteSpace(notice) || notice.Length > MaxNoticeLength))
            errors[field] = [$"Non-empty, at most {MaxNoticeLength} characters; {{nome}} stands for the agent's name."];
    }

    [GeneratedRegex("^[0-9]{1,32}$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^v[0-9]{1,3}\.[0-9]{1,2}$")]
    private static partial Regex GraphVersion();
}
