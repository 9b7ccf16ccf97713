using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IncidentBot.Dashboard.Pages;

/// <summary>
/// <c>/login</c>: with OpenID Connect configured, straight on to the provider; otherwise a form that
/// takes a key from <c>Api:Keys</c> and sets the sign-in cookie. Only local return addresses are followed.
/// </summary>
public sealed class LoginModel(DashboardKeys keys, IOptions<DashboardOptions> options, ILogger<LoginModel> logger) : PageModel
{
    public string ReturnUrl { get; private set; } = "/dashboard";

    public string? Problem { get; private set; }

    public IActionResult OnGet(string? returnUrl)
    {
        ReturnUrl = Local(returnUrl);
        if (options.Value.Oidc.IsEnabled)
            return Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }, DashboardRegistration.OidcScheme);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? key, string? returnUrl)
    {
        ReturnUrl = Local(returnUrl);
        var matched = keys.Match(key);
        if (matched < 0)
        {
            logger.DashboardSignInRefused();
            Problem = "That key is not one of the bot's keys.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, string.Create(CultureInfo.InvariantCulture, $"api-key-{matched}"))], DashboardRegistration.CookieScheme);
        await HttpContext.SignInAsync(DashboardRegistration.CookieScheme, new ClaimsPrincipal(identity));
        logger.DashboardSignedIn(matched);
        return LocalRedirect(ReturnUrl);
    }

    private string Local(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/dashboard";
}
