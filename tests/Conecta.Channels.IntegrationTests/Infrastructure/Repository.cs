namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>The checkout these tests were built from: the folder holding Conecta.Channels.sln.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    public static string Root => RootDirectory.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Conecta.Channels.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Conecta.Channels.sln not found above " + AppContext.BaseDirectory);
    }
}
