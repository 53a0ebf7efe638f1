using System.Globalization;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>Telegram recipients are chat ids: integers (negative for groups), up to 52 significant bits.</summary>
internal static class ChatIds
{
    /// <summary>The chat id in its one spelling (no sign for users, no leading zeros, no spaces); null when it is not one.</summary>
    public static string? Canonical(string? to) =>
        long.TryParse(to, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id != 0
            ? id.ToString(CultureInfo.InvariantCulture)
            : null;

    public static string Of(long id) => id.ToString(CultureInfo.InvariantCulture);
}
