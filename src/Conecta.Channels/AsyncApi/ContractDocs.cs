using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Conecta.Channels.AsyncApi;

/// <summary>
/// The contracts' XML documentation (Conecta.Channels.Contracts.xml, built beside the contracts' dll): a record's summary,
/// its parameters and properties, an enum's members, as plain text for the AsyncAPI document's descriptions.
/// </summary>
internal sealed partial class ContractDocs
{
    private readonly Dictionary<string, XElement> _members;

    private static readonly Lazy<ContractDocs> Loaded = new(() => Beside(typeof(Contracts.Events.InboundMessageReceived).Assembly));

    private ContractDocs(Dictionary<string, XElement> members) => _members = members;

    /// <summary>The contracts' documentation, read once.</summary>
    public static ContractDocs Contracts => Loaded.Value;

    /// <summary>The documentation built beside <paramref name="assembly"/>; none (no descriptions) where there is no file.</summary>
    public static ContractDocs Beside(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(path)) return new ContractDocs([]);
        var members = XDocument.Load(path).Root?.Element("members")?.Elements("member") ?? [];
        return new ContractDocs(members.Where(m => m.Attribute("name") is not null)
            .ToDictionary(m => m.Attribute("name")!.Value, StringComparer.Ordinal));
    }

    public string? Summary(Type type) => Text(Member("T:" + Name(type))?.Element("summary"));

    /// <summary>A record parameter's text, or else the property's own summary.</summary>
    public string? Property(Type declaringType, string name) =>
        Text(Member("T:" + Name(declaringType))?.Elements("param").FirstOrDefault(p => p.Attribute("name")?.Value == name))
        ?? Text(Member($"P:{Name(declaringType)}.{name}")?.Element("summary"));

    public string? EnumMember(Type enumType, string name) => Text(Member($"F:{Name(enumType)}.{name}")?.Element("summary"));

    private XElement? Member(string id) => _members.GetValueOrDefault(id);

    private static string Name(Type type) => type.FullName!.Replace('+', '.');

    /// <summary>The element's text with references written as the names they refer to, on one line.</summary>
    private static string? Text(XElement? element)
    {
        if (element is null) return null;
        var text = string.Concat(element.Nodes().Select(node => node switch
        {
            XText plain => plain.Value,
            XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")?.Value,
            XElement { Name.LocalName: "see" } see => see.Attribute("langword")?.Value
                                                      ?? see.Attribute("cref")?.Value.Split('.', ':')[^1],
            XElement other => other.Value,
            _ => "",
        }));
        return Whitespace().Replace(text, " ").Trim() is { Length: > 0 } line ? line : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
