namespace GoldAnalytics.Runtime.Http;

/// <summary>One field's problem in a request: where, which stable code, what to fix.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>What a violated database constraint answers: the status, a stable code, the request field it concerns and what to do.</summary>
public sealed record ConstraintProblem(int Status, string Code, string Field, string Detail);

/// <summary>
/// Thrown by the runtime or a function to answer with an RFC 7807 problem: the status, a stable
/// code and a message that says what to fix, optionally one entry per faulty field.
/// </summary>
public sealed class ProblemException : Exception
{
    public ProblemException(int status, string code, string detail, IReadOnlyList<FieldError>? errors = null)
        : base(detail)
    {
        Status = status;
        Code = code;
        Errors = errors ?? [];
    }

    public ProblemException()
        : this(500, ProblemCodes.InternalError, "An unexpected error occurred.")
    {
    }

    public ProblemException(string message)
        : this(500, ProblemCodes.InternalError, message)
    {
    }

    public ProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        Code = ProblemCodes.InternalError;
        Errors = [];
    }

    /// <summary>HTTP status code.</summary>
    public int Status { get; }

    /// <summary>Stable, machine-readable code, one of <see cref="ProblemCodes"/> or a function's own.</summary>
    public string Code { get; }

    /// <summary>Per-field problems, when the request had several.</summary>
    public IReadOnlyList<FieldError> Errors { get; }
}

/// <summary>The stable error codes every problem response carries in <c>code</c>.</summary>
public static class ProblemCodes
{
    public const string MalformedJson = "malformed_json";
    public const string MissingBody = "missing_body";
    public const string MissingField = "missing_field";
    public const string WrongType = "wrong_type";
    public const string UnknownField = "unknown_field";
    public const string OutOfRange = "out_of_range";
    public const string InvalidValue = "invalid_value";
    public const string NulCharacter = "nul_character";
    public const string DateOutOfRange = "date_out_of_range";
    public const string UnknownQueryParameter = "unknown_query_parameter";
    public const string BodyTooLarge = "body_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string BadRequest = "bad_request";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string MissingKey = "missing_key";
    public const string InvalidKey = "invalid_key";
    public const string ForbiddenRole = "forbidden_role";
    public const string DuplicateValue = "duplicate_value";
    public const string TooManyRequests = "too_many_requests";
    public const string FunctionTimeout = "function_timeout";
    public const string InternalError = "internal_error";
}
