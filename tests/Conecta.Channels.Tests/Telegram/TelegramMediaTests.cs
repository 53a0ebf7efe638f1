using System.Text.Json;
using Conecta.Channels.Channels.Telegram;
using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Channels.Telegram.Payloads;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Tests.Telegram;

/// <summary>What the media proxy checks of Telegram's ids and paths before the bot's token goes anywhere, and how uploads are sent.</summary>
public sealed class TelegramMediaTests
{
    private static readonly OutboundAccount Account = new(Updates.Bot, "telegram", "7000000001:AAH-secret", ApiVersion: null, MessagesPerSecond: 30);

    // No base address: a request would throw, so a test that passes made none.
    private static TelegramMedia Media(long? mediaChatId = null) => new(new BotApiClient(new HttpClient()), new BotApiFiles(new HttpClient()),
        Options.Create(new TelegramOptions { MediaChatId = mediaChatId }));

    private static IEnumerable<string> MediaFiles() => Updates.Files().Where(f => Updates.Map(f).Event?.Message is InboundMessageReceived { Content.Media: not null });

    public static TheoryData<string> MediaUpdates => new(MediaFiles());

    [Theory]
    [MemberData(nameof(MediaUpdates))]
    public void Every_inbound_media_id_is_a_downloadable_file_id(string update)
    {
        var media = Updates.Single<InboundMessageReceived>(Updates.Map(update)).Content.Media!;

        Assert.Null(Media().IdProblem(media.MediaId!));
    }

    [Fact]
    public void The_inbound_media_of_the_documented_updates_are_photos_videos_voice_audio_documents_and_stickers()
    {
        var kinds = MediaFiles().Select(f => Updates.Single<InboundMessageReceived>(Updates.Map(f)).Content.Media!)
            .Select(m => m.Voice ? "voice" : m.Kind).ToHashSet();

        Assert.Superset(new HashSet<string> { "image", "video", "voice", "audio", "document", "sticker" }, kinds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("AgAC/../getMe")]
    [InlineData("AgAC%2F..")]
    [InlineData("AgAC?offset=1")]
    [InlineData("AgAC AgAC")]
    [InlineData("AgACAgEAAxkBAAIBSmb+large")]
    public void A_file_id_outside_telegram_s_alphabet_is_a_problem(string fileId) =>
        Assert.Equal("A Telegram file_id is letters, digits, '-' and '_' only, as Telegram gives it (at most 256).", Media().IdProblem(fileId));

    [Fact]
    public void A_file_id_longer_than_256_is_a_problem() => Assert.NotNull(Media().IdProblem(new string('A', 257)));

    [Theory]
    [InlineData("photos/file_0.jpg", true)]
    [InlineData("voice/file_3.oga", true)]
    [InlineData("documents/file_12.pdf", true)]
    [InlineData("/var/lib/telegram-bot-api/7000000001/photos/file_0.jpg", false)]
    [InlineData("../bot7000000002:AAH-other/getMe", false)]
    [InlineData("photos/./file_0.jpg", false)]
    [InlineData("photos//file_0.jpg", false)]
    [InlineData("photos/file_0.jpg?x=1", false)]
    [InlineData("photos/file 0.jpg", false)]
    [InlineData("", false)]
    public void Only_a_relative_file_path_is_downloaded(string path, bool downloaded) => Assert.Equal(downloaded, TelegramMedia.IsFilePath(path));

    [Theory]
    [InlineData("image/jpeg", "sendPhoto", "photo", "image", false)]
    [InlineData("image/PNG", "sendPhoto", "photo", "image", false)]
    [InlineData("image/webp", "sendSticker", "sticker", "sticker", false)]
    [InlineData("video/mp4", "sendVideo", "video", "video", false)]
    [InlineData("audio/ogg; codecs=opus", "sendVoice", "voice", "audio", true)]
    [InlineData("audio/mpeg", "sendAudio", "audio", "audio", false)]
    [InlineData("application/pdf", "sendDocument", "document", "document", false)]
    [InlineData("image/gif", "sendDocument", "document", "document", false)]
    public void An_upload_goes_by_the_method_of_its_type(string contentType, string method, string field, string kind, bool voice) =>
        Assert.Equal(new TelegramUpload(method, field, kind, voice), TelegramMedia.UploadAs(contentType));

    /// <summary>sendPhoto answers the message with every size Telegram made (Bot API, "PhotoSize"): the largest is the photo.</summary>
    [Fact]
    public void An_uploaded_photo_s_id_is_its_largest_size_and_a_voice_note_s_its_voice()
    {
        var photo = JsonSerializer.Deserialize("""
            {"message_id":7,"chat":{"id":-1001000000001,"type":"channel"},"date":1750000000,"photo":[
              {"file_id":"AgACAgEAAxkDAAMHsmall","file_unique_id":"AQADs","file_size":1200,"width":90,"height":90},
              {"file_id":"AgACAgEAAxkDAAMHlarge","file_unique_id":"AQADl","file_size":52000,"width":800,"height":800}]}
            """, TelegramJsonContext.Default.MessagePayload)!;
        var voice = JsonSerializer.Deserialize("""
            {"message_id":8,"chat":{"id":-1001000000001,"type":"channel"},"date":1750000000,
             "voice":{"file_id":"AwACAgEAAxkDAAMIvoice","file_unique_id":"AgADv","duration":3,"mime_type":"audio/ogg","file_size":8000}}
            """, TelegramJsonContext.Default.MessagePayload)!;

        Assert.Equal(("AgACAgEAAxkDAAMHlarge", "AwACAgEAAxkDAAMIvoice", null), (TelegramMedia.FileIdOf(photo, "image"), TelegramMedia.FileIdOf(voice, "audio"),
            TelegramMedia.FileIdOf(voice, "document")));
    }

    [Fact]
    public async Task An_upload_without_a_media_chat_is_refused_501_before_any_request()
    {
        using var file = new MemoryStream([1, 2, 3]);

        var (uploaded, refusal) = await Media(mediaChatId: null).UploadAsync(Account, file, "application/pdf", "contrato.pdf", default);

        Assert.Null(uploaded);
        Assert.Equal((501, "Telegram uploads need a media chat"), (refusal!.Status, refusal.Title));
        Assert.Contains("Telegram:MediaChatId", refusal.Detail, StringComparison.Ordinal);
    }
}
