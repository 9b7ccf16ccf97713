using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;

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

    [Fact]
    public void Every_work_handler_is_named_for_its_role()
    {
        var handlers = WorkHandlers();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, handler => Assert.EndsWith("Work", handler.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_work_handler_has_unit_tests_of_running_twice_and_running_late()
    {
        var tests = typeof(ArchitectureTests).Assembly.GetTypes().ToDictionary(t => t.FullName!, StringComparer.Ordinal);
        var handlers = WorkHandlers();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, handler =>
        {
            // CONVENTIONS.md §9: each handler's tests sit in Work/<Feature>/ and name these two behaviours.
            var name = $"IncidentBot.Dialogs.Tests.Work.{handler.Namespace!.Split('.')[2]}.{handler.Name}Tests";
            Assert.True(tests.TryGetValue(name, out var testClass), $"{handler.Name} has no {name}");
            var facts = testClass!.GetMethods()
                .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
                .Select(m => m.Name).ToList();
            Assert.Contains(facts, fact => fact.StartsWith("Running_twice", StringComparison.Ordinal));
            Assert.Contains(facts, fact => fact.StartsWith("Running_", StringComparison.Ordinal)
                && (fact.Contains("_late", StringComparison.Ordinal) || fact.StartsWith("Running_after_", StringComparison.Ordinal)));
        });
    }

    [Theory]
    [InlineData("Domain layout", "src/IncidentBot.Dialogs")]
    [InlineData("Host layout", "src/IncidentBot")]
    [InlineData("Shared test kit", "tests/IncidentBot.Testing")]
    public void The_architecture_tables_list_every_folder_and_no_other(string section, string project)
    {
        var root = Path.Combine(RepositoryRoot(), project);
        var rows = TableRows(section);
        // Folders holding files: an empty one a move left behind in a working copy is not in git either.
        var folders = Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
            .Where(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Any())
            .Select(d => Path.GetRelativePath(root, d).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(d => !d.Split('/').Any(part => part is "bin" or "obj" or "Properties" or "node_modules"))
            .ToList();

        Assert.NotEmpty(rows);
        // Listed: a row of its own, a parent's row, or (a subfolder) named in its parent's row.
        Assert.All(folders, folder => Assert.True(
            rows.Any(r => r.Folders.Any(f => f == folder + "/" || f.StartsWith(folder + "/", StringComparison.Ordinal)))
            || rows.Any(r => r.Folders.Any(f => folder.StartsWith(f, StringComparison.Ordinal)) && r.Text.Contains($"`{folder[(folder.LastIndexOf('/') + 1)..]}/`", StringComparison.Ordinal)),
            $"{project}/{folder} is not in the \"{section}\" table of docs/ARCHITECTURE.md"));
        Assert.All(rows.SelectMany(r => r.Folders), listed => Assert.True(
            Directory.Exists(Path.Combine(root, listed)), $"The \"{section}\" table lists {listed}, which {project} does not have"));
    }

    private static List<Type> WorkHandlers() =>
        [.. DomainTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IWorkHandler).IsAssignableFrom(t))];

    /// <summary>The rows of one folder table: the folders its first cell names, and the whole row.</summary>
    private static List<(string[] Folders, string Text)> TableRows(string section)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "ARCHITECTURE.md"));
        return [.. lines
            .SkipWhile(l => !l.StartsWith("## " + section, StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => (FolderName().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value).ToArray(), l))];
    }

    private static IEnumerable<Type> DomainTypes() =>
        Dialogs.GetTypes().Where(t =>
            t.Namespace?.StartsWith("IncidentBot.Dialogs", StringComparison.Ordinal) == true
            && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null);

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relativePath.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string ProjectDirectory() => Path.Combine(RepositoryRoot(), "src", "IncidentBot.Dialogs");

    private static string RepositoryRoot([CallerFilePath] string testFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testFile)!, "..", ".."));

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"`([\w/]+/)`")]
    private static partial Regex FolderName();
}
