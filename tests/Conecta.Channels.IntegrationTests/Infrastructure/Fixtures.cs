namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>Recorded payloads from ../shared/fixtures (never copied into this repository).</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root.Value, relativePath));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Conecta.Channels.sln"))) continue;
            var fixtures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
            if (Directory.Exists(fixtures)) return fixtures;
            throw new DirectoryNotFoundException($"Expected the shared fixtures at {fixtures}");
        }
        throw new DirectoryNotFoundException("Conecta.Channels.sln not found above " + AppContext.BaseDirectory);
    }
}
