using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using GrowthMonitor.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Security;

/// <summary>
/// ASP.NET Core rate limiting per client IP address (after trusted proxies' <c>X-Forwarded-For</c>): a client over
/// its limit gets 429 with <c>Retry-After</c> until its window ends. Health endpoints are not limited (they are cached
/// and cheap, and a monitor must never read a 429 as "down").
/// </summary>
public static class RateLimits
{
    public static IHostApplicationBuilder AddClientRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RateLimitingOptions>(RateLimitingOptions.SectionName);
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                ClientOf(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0, AutoReplenishment = true }));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => WriteTooManyRequestsAsync(rejected, limits);
        });
        return builder;
    }

    /// <summary>
    /// The partition of a client: its IPv4 address, or its IPv6 /64 network (one subscriber usually holds a whole /64,
    /// so per-address limits would not hold it back).
    /// </summary>
    public static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }

    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext rejected, RateLimitingOptions limits)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = string.Create(CultureInfo.InvariantCulture, $"At most {limits.PermitLimit} requests per {limits.Window.TotalSeconds:0.###} s from one client; try again in {seconds} s."),
            },
        });
    }
}
