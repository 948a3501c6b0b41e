namespace GoldAnalytics.Runtime.Invocation;

/// <summary>A function parameter could not be bound from the invocation; HTTP turns it into a 400 naming the field.</summary>
public sealed class FunctionBindingException : Exception
{
    public FunctionBindingException(string parameter, string code, string message)
        : base(message)
    {
        Parameter = parameter;
        Code = code;
    }

    public FunctionBindingException()
        : this("", BindingErrorCodes.WrongType, "A parameter could not be bound.")
    {
    }

    public FunctionBindingException(string message)
        : this("", BindingErrorCodes.WrongType, message)
    {
    }

    public FunctionBindingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = "";
        Code = BindingErrorCodes.WrongType;
    }

    /// <summary>The parameter (or field) at fault.</summary>
    public string Parameter { get; } = "";

    /// <summary>Stable error code, one of <see cref="BindingErrorCodes"/>.</summary>
    public string Code { get; } = BindingErrorCodes.WrongType;
}

/// <summary>The stable codes binding failures carry.</summary>
public static class BindingErrorCodes
{
    public const string MissingField = "missing_field";
    public const string WrongType = "wrong_type";
    public const string OutOfRange = "out_of_range";
    public const string InvalidValue = "invalid_value";
    public const string NulCharacter = "nul_character";
    public const string DateOutOfRange = "date_out_of_range";
}

/// <summary>A function ran longer than <c>functionTimeout</c>; its cancellation token was cancelled.</summary>
public sealed class FunctionTimeoutException : TimeoutException
{
    public FunctionTimeoutException(string functionName, TimeSpan timeout)
        : base($"Function '{functionName}' did not finish within functionTimeout ({timeout}).")
    {
        FunctionName = functionName;
        Timeout = timeout;
    }

    public FunctionTimeoutException()
    {
    }

    public FunctionTimeoutException(string message)
        : base(message)
    {
    }

    public FunctionTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The function that timed out.</summary>
    public string FunctionName { get; } = "";

    /// <summary>The configured limit.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>A trigger source asked for a function the catalogue does not have.</summary>
public sealed class FunctionNotFoundException : Exception
{
    public FunctionNotFoundException(string functionName)
        : base($"No function named '{functionName}' is in the catalogue.")
    {
    }

    public FunctionNotFoundException()
    {
    }

    public FunctionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
