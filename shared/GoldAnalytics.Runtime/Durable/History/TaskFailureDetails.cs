namespace GoldAnalytics.Runtime.Durable;

/// <summary>What went wrong in an activity, sub-orchestration or orchestration, as recorded in history.</summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>True when the failure was caused by an exception of type <typeparamref name="T"/> (or a subclass known to this process).</summary>
    public bool IsCausedBy<T>() where T : Exception
    {
        if (ErrorType == typeof(T).FullName)
        {
            return true;
        }

        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(ErrorType, throwOnError: false))
            .FirstOrDefault(t => t is not null);
        return type is not null && typeof(T).IsAssignableFrom(type);
    }

    /// <summary>Describes an exception, unwrapping reflection and aggregate wrappers.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        var e = Unwrap(exception);
        return new TaskFailureDetails(e.GetType().FullName ?? e.GetType().Name, e.Message, e.StackTrace,
            e.InnerException is null ? null : FromException(e.InnerException));
    }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";

    private static Exception Unwrap(Exception exception) => exception switch
    {
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => exception,
    };
}
