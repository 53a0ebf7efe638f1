using Conecta.Channels.AsyncApi;
using Conecta.Channels.Hosting;

namespace Conecta.Channels.AsyncApiTool;

/// <summary>`dotnet Conecta.Channels.AsyncApi.dll PATH`: writes the AsyncAPI document to PATH when it changed.</summary>
internal static class AsyncApiWriter
{
    public static int Main(string[] args)
    {
        if (args is not [var path])
        {
            Console.Error.WriteLine("usage: Conecta.Channels.AsyncApi <output.json>");
            return 2;
        }
        var json = AsyncApiDocument.Json(new EventsOptions(), ContractDocs.Contracts);
        if (File.Exists(path) && File.ReadAllText(path) == json) return 0;
        File.WriteAllText(path, json);
        Console.WriteLine($"asyncapi: wrote {Path.GetFullPath(path)}");
        return 0;
    }
}
