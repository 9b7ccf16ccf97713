using Microsoft.Extensions.Options;

namespace IncidentBot.Evidence;

/// <summary>A link base must be absolute and https: a link is a bearer credential. Plain http only on this machine (tests, local runs).</summary>
internal sealed class EvidenceOptionsValidation : IValidateOptions<EvidenceOptions>
{
    public ValidateOptionsResult Validate(string? name, EvidenceOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.LinkBaseUrl))
            return ValidateOptionsResult.Success;
        if (!Uri.TryCreate(options.LinkBaseUrl, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            return ValidateOptionsResult.Fail("Evidence:LinkBaseUrl must be the bot's public https:// address, without query or fragment (http:// only for a loopback address).");
        }
        return ValidateOptionsResult.Success;
    }
}
