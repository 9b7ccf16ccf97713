using System.Security.Cryptography;
using System.Text;

namespace IncidentBot.Teams.Conversations;

/// <summary>Document ids from Teams ids, which are long and full of <c>:</c>, <c>;</c> and <c>@</c>.</summary>
public static class TeamsIds
{
    public static string Hash(string value) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32].ToLowerInvariant();
}
