using System.Text.Json.Nodes;
using Conecta.Channels.Channels.WhatsApp;

namespace Conecta.Channels.Tests;

/// <summary>
/// The recorded payloads in shared/fixtures, which live beside the repository (never copied into it):
/// /work/main next to /work/shared here, a fresh clone next to a copy of shared/ in CI.
/// </summary>
internal static class Fixtures
{
    private const string SolutionFile = "Conecta.Channels.sln";

    /// <summary>A fixed receive time: it must never leak into ids or provider timestamps.</summary>
    public static readonly DateTimeOffset ReceivedAt = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static JsonNode Json(string relative) =>
        JsonNode.Parse(Bytes(relative)) ?? throw new InvalidOperationException($"{relative} is JSON null");

    /// <summary>Every WhatsApp webhook body, as paths relative to the fixtures root (signed/ holds raw-byte vectors, not bodies).</summary>
    public static IEnumerable<string> WhatsAppWebhooks(string folder = "whatsapp")
    {
        var signed = Path.Combine(Root, "whatsapp", "signed") + Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(PathOf(folder), "*.json", SearchOption.AllDirectories)
            .Where(path => !path.StartsWith(signed, StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
    }

    public static TheoryData<string> WebhooksIn(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in WhatsAppWebhooks(folder)) data.Add(file);
        return data;
    }

    public static MappedWebhook Map(string relative) => WebhookMapper.Map(Bytes(relative), ReceivedAt);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, SolutionFile))) continue;
            var fixtures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
            if (Directory.Exists(fixtures)) return fixtures;
            throw new DirectoryNotFoundException(
                $"Found {SolutionFile} in {dir.FullName} but no fixtures at {fixtures}: shared/ must sit beside the repository.");
        }
        throw new DirectoryNotFoundException($"No {SolutionFile} above {AppContext.BaseDirectory}; cannot locate ../shared/fixtures.");
    }
}
