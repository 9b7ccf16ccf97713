using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Tests;

/// <summary>The domain stays plain .NET and is folded by feature (CONVENTIONS.md §1).</summary>
public sealed partial class ArchitectureTests
{
    private static readonly Assembly Dialogs = typeof(Incident).Assembly;
    private static readonly string[] ForbiddenFolders = ["Services", "Helpers", "Managers", "Utils", "Models"];

    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.Bot")]
    [InlineData("Microsoft.Azure.Cosmos")]
    [InlineData("Hangfire")]
    public void The_domain_references_no_host_sdk(string prefix)
    {
        var references = Dialogs.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.DoesNotContain(references, name => name.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void The_domain_references_only_the_bcl_and_extension_abstractions()
    {
        var references = Dialogs.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard"
            || (name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) && name.EndsWith(".Abstractions", StringComparison.Ordinal)),
            $"IncidentBot.Dialogs references {name}"));
    }

    [Fact]
    public void No_namespace_is_a_kind_of_thing_instead_of_a_feature()
    {
        var namespaces = DomainTypes().Select(t => t.Namespace!).Distinct();

        Assert.All(namespaces, ns => Assert.DoesNotContain(ns.Split('.'), part => ForbiddenFolders.Contains(part, StringComparer.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Every_namespace_is_a_folder_of_the_project()
    {
        var project = ProjectDirectory();

        Assert.All(DomainTypes().Select(t => t.Namespace!).Distinct(), ns =>
        {
            var folder = Path.Combine([project, .. ns.Split('.').Skip(2)]);
            Assert.True(Directory.Exists(folder), $"Namespace {ns} has no folder {folder}");
        });
    }

    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_folder()
    {
        var project = ProjectDirectory();
        var files = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(project, f)));

        Assert.All(files, file =>
        {
            var relative = Path.GetDirectoryName(Path.GetRelativePath(project, file))!;
            var expected = string.Join('.', relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Prepend("IncidentBot.Dialogs"));
            var declared = NamespaceDeclaration().Match(File.ReadAllText(file));
            Assert.True(declared.Success, $"{file} declares no namespace");
            Assert.Equal(expected, declared.Groups[1].Value);
        });
    }

    [Fact]
    public void No_domain_document_names_a_property_a_store_owns()
    {
        var named = DomainTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(p => (Property: p, Name: p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name))
            .Where(p => p.Name is "ttl" or "writeId" || p.Name?.StartsWith('_') == true);

        Assert.Empty(named.Select(p => $"{p.Property.DeclaringType!.Name}.{p.Property.Name}"));
    }

    private static IEnumerable<Type> DomainTypes() =>
        Dialogs.GetTypes().Where(t =>
            t.Namespace?.StartsWith("IncidentBot.Dialogs", StringComparison.Ordinal) == true
            && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null);

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relativePath.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string ProjectDirectory([CallerFilePath] string testFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testFile)!, "..", "..", "src", "IncidentBot.Dialogs"));

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
