using System.Text.Json;

namespace IncidentBot.Tests.Deploy;

/// <summary>A `bicep snapshot`: the resources a deployment would create, with their properties evaluated.</summary>
public sealed class BicepSnapshot(JsonElement root)
{
    public IEnumerable<JsonElement> Diagnostics => root.GetProperty("diagnostics").EnumerateArray();

    public IEnumerable<JsonElement> Resources(string type) =>
        root.GetProperty("predictedResources").EnumerateArray().Where(r => r.GetProperty("type").GetString() == type);

    public JsonElement Resource(string type) => Assert.Single(Resources(type));

    /// <summary>The bot's container.</summary>
    public JsonElement Container =>
        Assert.Single(Resource("Microsoft.App/containerApps").GetProperty("properties").GetProperty("template").GetProperty("containers").EnumerateArray());

    /// <summary>The container's environment: name → the entry (<c>value</c> or <c>secretRef</c>).</summary>
    public Dictionary<string, JsonElement> Environment =>
        Container.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
}
