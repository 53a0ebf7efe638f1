namespace Conecta.Channels.Contracts.Events;

/// <summary>Image, audio, video, document or sticker. The bytes are downloaded separately by <see cref="MediaId"/>.</summary>
public sealed record MediaContent(
    string Kind,
    string? MediaId,
    string? MimeType,
    string? Sha256,
    string? Caption,
    string? FileName,
    string? Url,
    bool Voice,
    bool Animated);
