namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>Recorded payloads from ../shared/fixtures (never copied into this repository).</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root.Value, relativePath));

    private static string FindRoot()
    {
        var fixtures = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "fixtures"));
        return Directory.Exists(fixtures) ? fixtures : throw new DirectoryNotFoundException($"Expected the shared fixtures at {fixtures}");
    }
}
