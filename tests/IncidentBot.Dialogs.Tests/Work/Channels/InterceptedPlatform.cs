using System.Reflection;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Tests.Work.Channels;

/// <summary>
/// A chat platform that runs a hook before each post (a failure to throw, a change to make meanwhile) and then
/// passes the call on to the recording platform; every other call goes straight through.
/// </summary>
public class InterceptedPlatform : DispatchProxy
{
    private IChatPlatform _inner = null!;
    private Func<MethodInfo, object?[], Task?> _before = null!;

    public static IChatPlatform Over(IChatPlatform inner, Func<MethodInfo, object?[], Task?> before)
    {
        var proxy = Create<IChatPlatform, InterceptedPlatform>();
        var intercepted = (InterceptedPlatform)(object)proxy;
        intercepted._inner = inner;
        intercepted._before = before;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IChatPlatform.PostAsync) && _before(targetMethod, args!) is { } hook)
            return PostAfterAsync(hook, targetMethod, args!);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private async Task<MessageRef> PostAfterAsync(Task hook, MethodInfo method, object?[] args)
    {
        await hook;
        return await (Task<MessageRef>)method.Invoke(_inner, args)!;
    }
}
