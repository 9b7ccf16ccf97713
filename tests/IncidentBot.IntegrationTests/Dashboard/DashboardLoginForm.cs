using System.Text.RegularExpressions;

namespace IncidentBot.IntegrationTests.Dashboard;

/// <summary>The dashboard's key sign-in as a browser does it: the form (with its anti-forgery token and cookie), then its post.</summary>
internal static partial class DashboardLoginForm
{
    public const string SessionCookie = "incidentbot.dashboard=";

    /// <summary>
    /// Gets <c>/login</c> from <paramref name="form"/> and posts it with <paramref name="key"/> to <paramref name="post"/>
    /// (the same client, or another instance's). Clients that keep neither redirects nor cookies show the answer as sent.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient form, HttpClient post, string key, string returnUrl)
    {
        using var page = await form.GetAsync(new Uri("/login", UriKind.Relative));
        page.EnsureSuccessStatusCode();
        var token = Token().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["key"] = key,
                ["returnUrl"] = returnUrl,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", Cookie(page, ".AspNetCore.Antiforgery"));
        return await post.SendAsync(request);
    }

    /// <summary>The <c>name=value</c> part of the response's cookie whose name starts with <paramref name="prefix"/>.</summary>
    public static string Cookie(HttpResponseMessage response, string prefix) =>
        SetCookie(response, prefix).Split(';')[0];

    /// <summary>The whole <c>Set-Cookie</c> header (with its flags) of the cookie whose name starts with <paramref name="prefix"/>.</summary>
    public static string SetCookie(HttpResponseMessage response, string prefix) =>
        response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(prefix, StringComparison.Ordinal));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
