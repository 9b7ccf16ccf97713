namespace IncidentBot.Dashboard;

/// <summary>
/// The data-protection key ring (the dashboard's sign-in and anti-forgery cookies) is read or created when a cookie is
/// first protected or read, not at start-up: ASP.NET's warm-up loaded OpenSSL and ran the key manager's XML and
/// cryptography code in every idle bot (7 MiB resident, issue 12). The test checks no later registration adds it back.
/// </summary>
public static class KeyRingOnFirstUse
{
    /// <summary>ASP.NET's hosted service that builds the key ring at start-up (internal, so named by string).</summary>
    public const string WarmUpTypeName = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>Removes the start-up warm-up; call after everything that adds data protection.</summary>
    public static void RemoveWarmUp(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var warmUp in services.Where(IsWarmUp).ToList())
            services.Remove(warmUp);
    }

    private static bool IsWarmUp(ServiceDescriptor service) =>
        service.ServiceType == typeof(IHostedService) && service.ImplementationType?.FullName == WarmUpTypeName;
}
