namespace Conecta.Channels.Tests.Deployment;

/// <summary>The repository these tests were built from: the folder holding Conecta.Channels.sln above the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Conecta.Channels.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Conecta.Channels.sln above {AppContext.BaseDirectory}.");
    }
}
