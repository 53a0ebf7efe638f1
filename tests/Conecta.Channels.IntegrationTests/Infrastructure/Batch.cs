using System.Text.Json.Nodes;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>No recorded payload has several entries; Meta sends them, so tests combine recorded ones.</summary>
internal static class Batch
{
    public static string OfEntries(params string[] payloads)
    {
        var entries = new JsonArray();
        foreach (var payload in payloads)
            foreach (var entry in JsonNode.Parse(payload)!["entry"]!.AsArray())
                entries.Add(entry!.DeepClone());
        return new JsonObject { ["object"] = "whatsapp_business_account", ["entry"] = entries }.ToJsonString();
    }
}
