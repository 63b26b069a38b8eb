using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace GrowthMonitor.Targets;

public static class StoredAssessmentResponses
{
    /// <summary>
    /// For endpoints answered from the stored assessments (they bind an <see cref="AssessmentSnapshot"/>): responses
    /// are cached until the next evaluation run, and carry an ETag of the run and the representation, so that a client
    /// that has it gets a 304.
    /// </summary>
    public static TBuilder FromStoredAssessments<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.CacheOutput(AssessmentCache.Policy);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var snapshot = context.Arguments.OfType<AssessmentSnapshot>().Single();
            var http = context.HttpContext;
            // The URL names the resource; the Accept header picks its representation (JSON, CSV, HTML); a page is framed
            // for the person signed in (their links), so a browser that kept a visitor's copy does not revalidate it as theirs.
            var tag = Tag(snapshot, http.Request.Headers.Accept + "\n" + http.User.FindFirst(ClaimTypes.Email)?.Value);
            if (NotModified(http, tag))
            {
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }

            var result = await next(context);
            // A 404 or 400 is not a representation a client should revalidate.
            if (StatusCodeOf(result) is null or StatusCodes.Status200OK)
            {
                http.Response.Headers.ETag = tag.ToString();
            }

            return result;
        });
    }

    /// <summary>
    /// Whether the client already has the representation <paramref name="tag"/> names (<c>If-None-Match</c>); if so, the
    /// 304 carries the tag, as a 200 would (RFC 9110 §15.4.5).
    /// </summary>
    public static bool NotModified(HttpContext http, EntityTagHeaderValue tag)
    {
        if (!http.Request.GetTypedHeaders().IfNoneMatch.Any(known => known.Equals(EntityTagHeaderValue.Any) || known.Compare(tag, useStrongComparison: false)))
        {
            return false;
        }

        http.Response.Headers.ETag = tag.ToString();
        return true;
    }

    /// <summary>The status a handler's result will answer with; null for results that leave the default, 200.</summary>
    private static int? StatusCodeOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusCodeOf(nested.Result),
        IStatusCodeHttpResult status => status.StatusCode,
        _ => null,
    };

    /// <summary>A weak ETag of the assessments' generation and <paramref name="variant"/>: what else the response depends on.</summary>
    public static EntityTagHeaderValue Tag(AssessmentSnapshot snapshot, string variant) =>
        new($"\"{snapshot.Generation}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(variant)))[..8]}\"", isWeak: true);
}
