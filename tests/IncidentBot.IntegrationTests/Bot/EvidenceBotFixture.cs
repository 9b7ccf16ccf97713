
namespace IncidentBot.IntegrationTests.Bot;

/// <summary>A bot with scoped API keys beside the plain one: <c>legal</c> (evidence), <c>auditor</c> (admin).</summary>
public sealed class EvidenceBotFixture : SlackBotFixture
{
    public const string EvidenceKey = "test-evidence-key-0123456789";
    public const string AdminKey = "test-admin-key-0123456789";
    public const string ReadOnlyScopedKey = "test-scoped-read-key-0123456789";

    /// <summary>Small, so a larger upload is refused without a large test body.</summary>
    public const long MaxVerifyBytes = 4 * 1024 * 1024;

    protected override BotHostOptions BotOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Api:ScopedKeys:legal:Key"] = EvidenceKey,
            ["Api:ScopedKeys:legal:Scopes"] = "read, evidence",
            ["Api:ScopedKeys:auditor:Key"] = AdminKey,
            ["Api:ScopedKeys:auditor:Scopes"] = "admin",
            ["Api:ScopedKeys:dashboard:Key"] = ReadOnlyScopedKey,
            ["Api:ScopedKeys:dashboard:Scopes"] = "read",
            ["Api:MaxVerifyBytes"] = MaxVerifyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
