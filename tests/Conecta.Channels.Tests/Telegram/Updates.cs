using System.Text;
using Conecta.Channels.Channels;
using Conecta.Channels.Channels.Telegram;

namespace Conecta.Channels.Tests.Telegram;

/// <summary>The Telegram updates in Telegram/Updates, written from the Bot API documentation, and how the tests map them.</summary>
internal static class Updates
{
    public const string Bot = "7000000001";

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Telegram", "Updates", file);

    public static byte[] Bytes(string file) => File.ReadAllBytes(PathOf(file));

    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Telegram", "Updates"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static MappedUpdate Map(string file) => TelegramUpdates.Map(Bytes(file), Bot, Fixtures.ReceivedAt);

    public static MappedUpdate MapJson(string json) => TelegramUpdates.Map(Encoding.UTF8.GetBytes(json), Bot, Fixtures.ReceivedAt);

    /// <summary>The one event of a readable update.</summary>
    public static T Single<T>(MappedUpdate mapped) where T : class
    {
        Assert.Null(mapped.Unreadable);
        return Assert.IsType<T>(mapped.Event!.Message);
    }

    public static Guid EventIdOf(long updateId) =>
        EventIds.From("telegram", Bot, "update", updateId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
