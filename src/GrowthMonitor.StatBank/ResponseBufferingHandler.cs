using System.Text;
using System.Text.Json;
using Refit;

namespace GrowthMonitor.StatBank;

/// <summary>
/// Sits inside the resilience handler and reads JSON answers (subjects, tables, tableinfo, at most
/// <see cref="MaxJsonAnswerBytes"/>) completely before
/// returning, so a body that breaks off (an <see cref="HttpRequestException"/> from buffering) or ends early with
/// incomplete JSON fails the attempt, and the standard retry repeats it. Data answers stay streamed: they can be
/// far larger than memory should hold.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    /// <summary>
    /// The largest JSON answer read; the largest real one (a table's metadata with every municipality) is well under a
    /// megabyte, so anything near this is junk and must not be held in memory whole.
    /// </summary>
    public const long MaxJsonAnswerBytes = 16 * 1024 * 1024;

    private static readonly HttpRequestOptionsKey<string> RefitMethod = new(HttpRequestMessageOptions.MethodName);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Options.TryGetValue(RefitMethod, out var method) && method == nameof(IStatBankApi.PostDataAsync))
        {
            return response;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(MaxJsonAnswerBytes, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType is "text/json" or "application/json")
            {
                EnsureCompleteJson(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), request);
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static void EnsureCompleteJson(byte[] body, HttpRequestMessage request)
    {
        var reader = new Utf8JsonReader(body.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? body.AsSpan(3) : body);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw new HttpRequestException(
                HttpRequestError.InvalidResponse,
                $"The JSON answer to {request.RequestUri?.AbsolutePath} is incomplete or invalid ({body.Length} bytes): {e.Message}",
                e);
        }
    }
}
