using GoldAnalytics.Domain.Sales;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;

namespace GoldAnalytics.Functions.Entry;

/// <summary>The problems and caller details every entry function shares.</summary>
internal static class EntryProblems
{
    /// <summary>422 listing every broken rule, when there is any.</summary>
    public static void ThrowIfAny(IReadOnlyList<Violation> violations)
    {
        if (violations.Count > 0)
        {
            throw new ProblemException(422, "validation_failed", $"{violations.Count} rule(s) broken; see errors for each field.",
                [.. violations.Select(v => new FieldError(v.Field, v.Code, v.Message))]);
        }
    }

    /// <summary>404 for a record that does not exist (or is deleted).</summary>
    public static ProblemException NotFound(string what, object id) => new(404, ProblemCodes.NotFound, $"No {what} has id {id}.");

    /// <summary>The key name the audit log records.</summary>
    public static string Actor(this HttpRequest request) => request.HttpContext.Caller()?.KeyName ?? "anonymous";
}
