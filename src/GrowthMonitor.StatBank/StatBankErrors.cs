using System.Text.Json;

namespace GrowthMonitor.StatBank;

/// <summary>Turns the body of an HTTP 400 into the matching <see cref="StatBankException"/>.</summary>
internal static class StatBankErrors
{
    private const int MaxRawLength = 300;
    private const int MaxValuesShown = 5;

    public static StatBankException FromBody(string body, StatBankRequestContext request, Exception? innerException = null)
    {
        var error = TryParse(body);
        if (error is not { ErrorTypeCode: { } code })
        {
            var raw = body.Length > MaxRawLength ? string.Concat(body.AsSpan(0, MaxRawLength), "…") : body;
            return new StatBankException(
                $"Statistics Denmark rejected the {Describe(request)} with HTTP 400 and an unexpected body: {raw}",
                null,
                raw,
                request,
                innerException);
        }

        var serverMessage = error.Message ?? "";
        return code switch
        {
            StatBankErrorCodes.NotFound => new StatBankNotFoundException(
                $"{NotFoundCulprit(serverMessage, request)} Statistics Denmark says: {serverMessage} ({Describe(request)}). " +
                "This will not change on retry: check the codes against /tableinfo.",
                serverMessage,
                request,
                innerException),
            StatBankErrorCodes.RequestLimit => new StatBankRequestLimitException(
                $"{serverMessage} ({Describe(request)})", serverMessage, request, innerException),
            _ => new StatBankException(
                $"Statistics Denmark rejected the {Describe(request)}: [{code}] {serverMessage}",
                code,
                serverMessage,
                request,
                innerException),
        };
    }

    private static StatBankErrorBody? TryParse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, StatBankJsonContext.Default.StatBankErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The server's message names the unknown code in free text ("Tabel findes ikke: X"); the most specific
    // requested code it mentions is the culprit.
    private static string NotFoundCulprit(string serverMessage, StatBankRequestContext request)
    {
        foreach (var variable in request.Variables)
        {
            if (variable.Values.FirstOrDefault(value => Mentions(serverMessage, value)) is { } value)
            {
                return $"Value '{value}' of variable '{variable.Code}' does not exist in table '{request.TableId}'.";
            }
        }

        if (request.Variables.FirstOrDefault(variable => Mentions(serverMessage, variable.Code)) is { } unknown)
        {
            return $"Variable '{unknown.Code}' does not exist in table '{request.TableId}'.";
        }

        return request.Variables.Count == 0 || Mentions(serverMessage, request.TableId)
            ? $"Table '{request.TableId}' does not exist."
            : $"Table '{request.TableId}' or one of the requested variable or value codes does not exist.";
    }

    private static bool Mentions(string text, string? code)
    {
        if (string.IsNullOrEmpty(code) || code == "*")
        {
            return false;
        }

        for (var at = text.IndexOf(code, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(code, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + code.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(StatBankRequestContext request)
    {
        var table = request.TableId is null ? "" : $" for table {request.TableId}";
        var variables = request.Variables.Count == 0
            ? ""
            : "; variables " + string.Join("; ", request.Variables.Select(variable => $"{variable.Code}={ShowValues(variable.Values)}"));
        return $"{request.Endpoint} request{table}{variables}";
    }

    private static string ShowValues(IReadOnlyList<string> values) => values.Count <= MaxValuesShown
        ? string.Join(',', values)
        : $"{string.Join(',', values.Take(MaxValuesShown))},… ({values.Count} values)";
}
