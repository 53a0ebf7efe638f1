using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Phones;

// Enums as names: "MOBILE", "MissingAreaCode".
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PhoneValidationRequest))]
[JsonSerializable(typeof(PhoneValidationResponse))]
internal sealed partial class PhonesJsonContext : JsonSerializerContext;
