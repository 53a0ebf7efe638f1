using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conecta.Channels.Channels.WhatsApp.Payloads;

/// <summary>
/// Reads a message even when one of its fields has a type we do not expect (an object where text was, a word where a number
/// or a flag was, as some of Meta's own examples have): the field is read as absent and the rest of the message as it is, so the
/// agent still sees it; the message's raw JSON, kept in the event, still holds the field. Only a message whose every reading
/// fails (not an object, or more odd fields than <see cref="MostFieldsDropped"/>) is unreadable.
/// </summary>
internal static class LenientMessageReader
{
    public const int MostFieldsDropped = 8;

    /// <param name="dropped">The JSON paths of the fields read as absent, in the order they were met.</param>
    public static MessagePayload? Read(JsonElement raw, out IReadOnlyList<string> dropped)
    {
        var paths = new List<string>();
        dropped = paths;
        try
        {
            return raw.Deserialize(WhatsAppJsonContext.Default.MessagePayload);
        }
        catch (JsonException first) when (raw.ValueKind == JsonValueKind.Object)
        {
            var node = JsonNode.Parse(raw.GetRawText())!;
            for (var error = first; ; )
            {
                if (paths.Count == MostFieldsDropped || error.Path is not { } path || !Remove(node, path)) throw error;
                paths.Add(path);
                try
                {
                    return node.Deserialize(WhatsAppJsonContext.Default.MessagePayload);
                }
                catch (JsonException next)
                {
                    error = next;
                }
            }
        }
    }

    /// <summary>Removes the member or array item a System.Text.Json path ("$.image.sha256", "$.contacts[0].phones[1]") names.</summary>
    internal static bool Remove(JsonNode root, string path)
    {
        var steps = Steps(path);
        if (steps is null or { Count: 0 }) return false;
        var parent = root;
        foreach (var step in steps[..^1])
        {
            parent = step switch
            {
                string name when parent is JsonObject o => o[name],
                int index when parent is JsonArray a && index < a.Count => a[index],
                _ => null,
            };
            if (parent is null) return false;
        }
        switch (steps[^1], parent)
        {
            case (string name, JsonObject o) when o.ContainsKey(name):
                o.Remove(name);
                return true;
            case (int index, JsonArray a) when index < a.Count:
                // An item is nulled, not removed: its siblings keep their places (and null items are skipped).
                a[index] = null;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The names (strings) and indexes (ints) of a path; null when it is not one System.Text.Json writes.</summary>
    private static List<object>? Steps(string path)
    {
        if (!path.StartsWith('$')) return null;
        var steps = new List<object>();
        for (var i = 1; i < path.Length;)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                steps.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i, StringComparison.Ordinal);
                if (end < 0) return null;
                steps.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path[(i + 1)..end], NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return null;
                steps.Add(index);
                i = end + 1;
            }
            else return null;
        }
        return steps;
    }
}
