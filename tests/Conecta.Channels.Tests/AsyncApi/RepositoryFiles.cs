namespace Conecta.Channels.Tests.AsyncApi;

/// <summary>
/// Files of the repository the tests read: the committed docs/asyncapi.json, and the AsyncAPI 3.0.0 JSON schema the test
/// setup brings (scripts/test-tools.sh: the npm package @asyncapi/specs, into artifacts/, never committed).
/// </summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string AsyncApiDocument => Path.Combine(Root, "docs", "asyncapi.json");

    /// <summary>ASYNCAPI_SCHEMA when set, else where scripts/test-tools.sh unpacks it. Missing: the test fails, saying how to get it.</summary>
    public static string AsyncApiSchema()
    {
        var path = Environment.GetEnvironmentVariable("ASYNCAPI_SCHEMA") is { Length: > 0 } set
            ? set
            : Path.Combine(Root, "artifacts", "asyncapi-specs", "package", "schemas", "3.0.0.json");
        return File.Exists(path) ? path : throw new FileNotFoundException(
            $"The AsyncAPI 3.0.0 JSON schema is not at {path}: run scripts/test-tools.sh (make test does), or set ASYNCAPI_SCHEMA.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Conecta.Channels.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Conecta.Channels.sln not found above " + AppContext.BaseDirectory);
    }
}
