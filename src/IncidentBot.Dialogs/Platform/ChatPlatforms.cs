namespace IncidentBot.Dialogs.Platform;

/// <summary>The configured platforms by name; an incident is served by the one it was declared on.</summary>
public sealed class ChatPlatforms(IEnumerable<IChatPlatform> platforms)
{
    private readonly Dictionary<string, IChatPlatform> _byName =
        platforms.ToDictionary(p => p.Name.Value, StringComparer.OrdinalIgnoreCase);

    public IChatPlatform Get(PlatformId name) =>
        _byName.TryGetValue(name.Value, out var platform)
            ? platform
            : throw new InvalidOperationException($"Chat platform '{name}' is not configured.");

    public bool TryGet(PlatformId name, out IChatPlatform platform) => _byName.TryGetValue(name.Value, out platform!);
}
