using System.Diagnostics.CodeAnalysis;

namespace IncidentBot.Dialogs;

/// <summary>A value, or the <see cref="UserError"/> that explains why there is none.</summary>
public readonly record struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, UserError? error)
    {
        _value = value;
        Error = error;
    }

    public UserError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error.Code}");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(UserError error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(UserError error) => Failure(error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? map(Value) : Error;

    public Result<TOut> Bind<TOut>(Func<T, Result<TOut>> bind) => IsSuccess ? bind(Value) : Error;
}
