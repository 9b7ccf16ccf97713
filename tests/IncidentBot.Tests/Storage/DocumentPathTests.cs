using System.Reflection;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Storage.Cosmos;
using IncidentBot.Storage.Embedded;
using IncidentBot.Testing.Fakes.Cosmos;

namespace IncidentBot.Tests.Storage;

/// <summary>
/// Queries name document properties through <see cref="DocumentPath"/>, resolved on the stores' JSON contract:
/// every path the product declares is a stored property, and the stores index what the product orders and seeks by.
/// </summary>
public sealed partial class DocumentPathTests
{
    private static readonly Assembly[] Product = [typeof(Incident).Assembly, typeof(CosmosContainerSchema).Assembly];

    [Fact]
    public void A_path_is_the_json_name_the_stores_write()
    {
        Assert.Equal("incidentNumber", TimelineEvent.Paths.IncidentNumber.Name);
        Assert.Equal("isOpen", Incident.Paths.IsOpen.Name);
        Assert.Equal("roles.lead", DocumentPath.Of<Incident>(nameof(Incident.Roles)).Then(nameof(IncidentRoles.Lead)).Name);
        Assert.Equal(typeof(Page), Page.Paths.CreatedAt.Document);
    }

    [Fact]
    public void A_renamed_property_keeps_its_stored_name()
    {
        // The stored field is a contract: pages written before the rename read the same.
        Assert.Equal("policy", DocumentPath.Of<Page>(nameof(Page.EscalationPolicy)).Name);
    }

    [Fact]
    public void A_property_that_is_not_stored_is_no_path()
    {
        Assert.Throws<ArgumentException>(() => DocumentPath.Of<Incident>(nameof(Incident.Key))); // [JsonIgnore]
        Assert.Throws<ArgumentException>(() => DocumentPath.Of<Incident>("NoSuchProperty"));
        Assert.Throws<ArgumentException>(() => Incident.Paths.Number.Then("Value")); // a number has no properties
    }

    [Fact]
    public void Every_path_the_product_declares_is_a_stored_property_of_a_document_that_both_stores_accept()
    {
        var declared = DeclaredPaths().ToList();

        Assert.True(declared.Count >= 40, $"only {declared.Count} declared paths were found");
        Assert.All(declared, found =>
        {
            Assert.True(typeof(IDocument).IsAssignableFrom(found.Path.Document), $"{found.Where}: {found.Path.Document.Name} is not a document");
            Assert.Equal(found.Path.Name.Split('.'), DocumentRules.PathNames(found.Path.Name));
        });
    }

    [Fact]
    public void Every_query_in_the_product_names_a_declared_path()
    {
        var calls = QueryCalls().ToList();

        Assert.True(calls.Count >= 30, $"only {calls.Count} query calls were found");
        // A path handed in as a parameter (lower case) is still a DocumentPath, resolved where it was declared.
        Assert.All(calls.Where(c => !char.IsLower(c.Argument[0])),
            call => Assert.True(call.Path is not null, $"{call.File}: {call.Method}({call.Argument}…) does not name a declared Paths field"));
    }

    [Fact]
    public void Cosmos_db_has_a_composite_index_for_every_path_the_product_orders_by()
    {
        var ordered = QueryCalls().Where(c => c.Method == "OrderedBy").Select(c => c.Path ?? throw new InvalidOperationException($"{c.File}: OrderedBy({c.Argument}) names no declared path")).ToList();

        Assert.NotEmpty(ordered);
        Assert.All(ordered, path => Assert.True(CosmosContainerSchema.OrderedPaths.Contains(path.Name), $"no composite index for {path.Name} ({path.Document.Name})"));
        var indexed = CosmosContainerSchema.Properties("incidents").IndexingPolicy.CompositeIndexes.Select(index => index[0].Path).ToHashSet();
        Assert.All(CosmosContainerSchema.OrderedBy, path => Assert.Contains("/" + path.Name, indexed));
        // An index nobody orders by costs every write request units.
        Assert.All(CosmosContainerSchema.OrderedBy, path => Assert.Contains(ordered, o => o.Name == path.Name));
    }

    [Fact]
    public void The_embedded_store_indexes_only_paths_the_product_queries_by()
    {
        var sought = QueryCalls().Where(c => c.Path is not null).Select(c => c.Path!.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(SqliteSchema.IndexedPaths, path => Assert.Contains(path.Name, sought));
    }

    /// <summary>Every static <see cref="DocumentPath"/> (or list of them) in the product, forcing each type's initialiser.</summary>
    private static IEnumerable<(string Where, DocumentPath Path)> DeclaredPaths()
    {
        const BindingFlags statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var type in Product.SelectMany(a => a.GetTypes()).Where(t => !t.ContainsGenericParameters))
        {
            var members = type.GetFields(statics).Select(f => (f.Name, f.FieldType, Value: (Func<object?>)(() => f.GetValue(null))))
                .Concat(type.GetProperties(statics).Where(p => p.GetIndexParameters().Length == 0).Select(p => (p.Name, FieldType: p.PropertyType, Value: (Func<object?>)(() => p.GetValue(null)))));
            foreach (var (name, memberType, value) in members)
            {
                if (memberType == typeof(DocumentPath))
                    yield return ($"{type.FullName}.{name}", (DocumentPath)value()!);
                else if (typeof(IEnumerable<DocumentPath>).IsAssignableFrom(memberType))
                    foreach (var path in (IEnumerable<DocumentPath>)value()!)
                        yield return ($"{type.FullName}.{name}", path);
            }
        }
    }

    /// <summary>The Where/WhereEquals/OrderedBy calls in src/, each with the declared path it names (null when it names none).</summary>
    private static IEnumerable<(string File, string Method, string Argument, DocumentPath? Path)> QueryCalls()
    {
        var types = Product.SelectMany(a => a.GetTypes()).Where(t => t.GetNestedType("Paths") is not null).ToLookup(t => t.Name, StringComparer.Ordinal);
        var source = Path.Combine(CosmosTestServer.RepositoryRoot(), "src");
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match call in QueryCall().Matches(text))
            {
                var (method, argument) = (call.Groups["method"].Value, call.Groups["argument"].Value);
                var named = PathsField().Match(argument);
                var path = named.Success && types[named.Groups["type"].Value].SingleOrDefault() is { } type
                    ? type.GetNestedType("Paths")!.GetField(named.Groups["field"].Value)?.GetValue(null) as DocumentPath
                    : null;
                yield return (Path.GetRelativePath(source, file), method, argument, path);
            }
        }
    }

    // DocumentQuery's Where always has a FilterOperator second, which tells it from LINQ's Where.
    [GeneratedRegex(@"\.(?:(?<method>WhereEquals|OrderedBy)\((?<argument>[A-Za-z_][\w.]*)\s*[,)]|(?<method>Where)\((?<argument>[A-Za-z_][\w.]*)\s*,\s*FilterOperator\.)")]
    private static partial Regex QueryCall();

    [GeneratedRegex(@"^(?:[\w.]+\.)?(?<type>\w+)\.Paths\.(?<field>\w+)$")]
    private static partial Regex PathsField();
}
