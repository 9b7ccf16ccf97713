using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Tests;

/// <summary>
/// Each host feature registers itself in one place (CONVENTIONS.md §2): its services with <c>AddX</c> and, if it
/// serves HTTP, its endpoints with <c>MapX</c> of the same X beside it, so Program.cs reads as a list of features.
/// </summary>
public sealed class FeatureRegistrationTests
{
    private static readonly Type[] Builders =
        [typeof(IServiceCollection), typeof(IHostApplicationBuilder), typeof(IEndpointRouteBuilder), typeof(IApplicationBuilder)];

    [Fact]
    public void Every_extension_of_the_start_up_builders_sits_in_a_feature_registration_class()
    {
        var extensions = BuilderExtensions();

        Assert.NotEmpty(extensions);
        Assert.All(extensions, method => Assert.True(method.DeclaringType!.Name.EndsWith("Registration", StringComparison.Ordinal),
            $"{method.DeclaringType.FullName}.{method.Name} extends {method.GetParameters()[0].ParameterType.Name} outside a …Registration class"));
    }

    [Fact]
    public void Every_endpoint_map_has_the_add_of_its_feature_beside_it()
    {
        var maps = BuilderExtensions().Where(m => m.GetParameters()[0].ParameterType == typeof(IEndpointRouteBuilder)).ToList();

        Assert.NotEmpty(maps);
        Assert.All(maps, map =>
        {
            var feature = map.DeclaringType!;
            Assert.True(map.Name.StartsWith("Map", StringComparison.Ordinal) && map.IsPublic && map.ReturnType == typeof(IEndpointRouteBuilder),
                $"{feature.Name}.{map.Name}: endpoints are mapped by one public IEndpointRouteBuilder Map… per feature");
            var add = "Add" + map.Name["Map".Length..];
            Assert.True(
                feature.GetMethods(BindingFlags.Public | BindingFlags.Static).Any(m => m.Name == add && m.GetParameters()[0].ParameterType == typeof(IServiceCollection)),
                $"{feature.Name}.{map.Name} has no {add} beside it");
        });
    }

    /// <summary>Our extension methods (private helpers too) on the builders Program.cs calls; not the request delegate generator's.</summary>
    private static List<MethodInfo> BuilderExtensions() =>
        [.. typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("IncidentBot", StringComparison.Ordinal) == true && t.IsDefined(typeof(ExtensionAttribute), inherit: false))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.IsDefined(typeof(ExtensionAttribute), inherit: false) && Builders.Contains(m.GetParameters()[0].ParameterType))];
}
