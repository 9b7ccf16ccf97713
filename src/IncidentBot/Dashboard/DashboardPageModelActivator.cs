using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace IncidentBot.Dashboard;

/// <summary>
/// Page models take the app's services (stores, the validated options, loggers): their constructor parameters come
/// from the app's request scope, never from the dashboard's container, which would answer an options type with defaults.
/// </summary>
internal sealed class DashboardPageModelActivator : IPageModelActivatorProvider
{
    public Func<PageContext, object> CreateActivator(CompiledPageActionDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var model = descriptor.ModelTypeInfo?.AsType() ?? throw new ArgumentException("The page has no model type.", nameof(descriptor));
        var factory = ActivatorUtilities.CreateFactory(model, Type.EmptyTypes);
        return context => factory(DashboardRequestServices.AppOf(context.HttpContext), []);
    }

    public Action<PageContext, object>? CreateReleaser(CompiledPageActionDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return typeof(IDisposable).IsAssignableFrom(descriptor.ModelTypeInfo) ? static (_, model) => ((IDisposable)model).Dispose() : null;
    }

    public Func<PageContext, object, ValueTask>? CreateAsyncReleaser(CompiledPageActionDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (typeof(IAsyncDisposable).IsAssignableFrom(descriptor.ModelTypeInfo))
            return static (_, model) => ((IAsyncDisposable)model).DisposeAsync();
        return CreateReleaser(descriptor) is { } release ? (context, model) => { release(context, model); return ValueTask.CompletedTask; } : null;
    }
}
