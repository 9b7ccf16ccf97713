using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// A property of a stored document as the stores see it: its JSON name (<c>incidentNumber</c>,
/// <c>roles.lead</c>), resolved from the C# property through <see cref="DocumentJson"/>'s contract,
/// so a renamed property either renames the query or fails where the path is declared.
/// </summary>
public sealed record DocumentPath
{
    private DocumentPath(Type document, string name, Type valueType)
    {
        Document = document;
        Name = name;
        ValueType = valueType;
    }

    /// <summary>The document type the path was resolved on.</summary>
    public Type Document { get; }

    /// <summary>The dotted JSON name, as serialised.</summary>
    public string Name { get; }

    /// <summary>The type of the value at the path.</summary>
    public Type ValueType { get; }

    /// <summary>The serialised property <paramref name="property"/> (a C# name: use <c>nameof</c>) of <typeparamref name="T"/>.</summary>
    public static DocumentPath Of<T>(string property)
        where T : IDocument
    {
        var found = Resolve(typeof(T), property);
        return new DocumentPath(typeof(T), found.Name, found.PropertyType);
    }

    /// <summary>A property of the object at this path: <c>Of&lt;Incident&gt;(nameof(Roles)).Then(nameof(IncidentRoles.Lead))</c>.</summary>
    public DocumentPath Then(string property)
    {
        var found = Resolve(Nullable.GetUnderlyingType(ValueType) ?? ValueType, property);
        return new DocumentPath(Document, Name + "." + found.Name, found.PropertyType);
    }

    public override string ToString() => Name;

    private static JsonPropertyInfo Resolve(Type type, string property)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        var contract = DocumentJson.Options.GetTypeInfo(type);
        if (contract.Kind != JsonTypeInfoKind.Object)
            throw new ArgumentException($"{type.Name} is stored as a single value or a list and has no property {property}.", nameof(property));
        // AttributeProvider is the C# member behind a JSON property; a [JsonIgnore] member may still be listed, but is never written.
        return contract.Properties.FirstOrDefault(p => p.Get is not null && p.AttributeProvider is MemberInfo member && member.Name == property && !IsIgnored(member))
            ?? throw new ArgumentException($"{type.Name} has no stored property {property}.", nameof(property));
    }

    private static bool IsIgnored(MemberInfo member) =>
        member.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always };
}
