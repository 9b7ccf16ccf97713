using System.Security.Cryptography;
using System.Text;
using IncidentBot.Api;
using Microsoft.Extensions.Options;

namespace IncidentBot.Dashboard;

/// <summary>Checks a key typed at <c>/login</c> against <c>Api:Keys</c>, in constant time whatever it matches.</summary>
public sealed class DashboardKeys(IOptionsMonitor<ApiOptions> api)
{
    /// <returns>The index of the matching key, or -1.</returns>
    public int Match(string? key)
    {
        var given = Encoding.UTF8.GetBytes(key?.Trim() ?? "");
        var matched = -1;
        var keys = api.CurrentValue.Keys;
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length > 0 && given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(keys[i]), given))
                matched = i;
        }
        return matched;
    }
}
