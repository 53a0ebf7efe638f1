using System.Collections.Frozen;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.DevTools;

/// <summary>
/// GET /console: a page to try a conversation by hand (Development only, like the sandbox it drives). Plain HTML, CSS and
/// JavaScript embedded in the assembly (DevTools/Console/page), no build step; everything it does goes through the
/// service's own HTTP API, the sandbox's contact simulator and GET /dev/events.
/// </summary>
internal static class ConsoleApi
{
    public const string Route = "/console";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = new Dictionary<string, (byte[], string)>
    {
        [""] = (Read("index.html"), "text/html; charset=utf-8"),
        ["console.js"] = (Read("console.js"), "text/javascript; charset=utf-8"),
        ["console.css"] = (Read("console.css"), "text/css; charset=utf-8"),
    }.ToFrozenDictionary();

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment()) return app;
        // The page and its script hold no data (a browser cannot send a bearer token for them); every call they make carries
        // the development token the page takes from GET /dev/token.
        app.MapGet(Route, () => File("")).ExcludeFromDescription().AllowAnonymous();
        app.MapGet(Route + "/{file}", File).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    internal static Results<FileContentHttpResult, NotFound> File(string file) =>
        Files.TryGetValue(file, out var found) ? TypedResults.File(found.Content, found.ContentType) : TypedResults.NotFound();

    private static byte[] Read(string name)
    {
        using var stream = typeof(ConsoleApi).Assembly.GetManifestResourceStream("console/" + name)
                           ?? throw new InvalidOperationException($"The console's {name} is not embedded.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
