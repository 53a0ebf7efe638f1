using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Sessions;

/// <summary>How a session is stored in Redis; the store's Lua script reads its "version".</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Session))]
internal sealed partial class SessionJsonContext : JsonSerializerContext;
