using System.Text.Json.Nodes;
using GrowthMonitor.Core;
using GrowthMonitor.Downloads;
using GrowthMonitor.Indicators;
using GrowthMonitor.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace GrowthMonitor.Docs;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> made complete (periods as codes, every response format, the
/// operator key, examples), and the Scalar API reference over it at <c>/docs</c>. Scalar's script is embedded in its
/// package and served by the service, so the page works without internet access.
/// </summary>
public static class ApiDocs
{
    public const string DocumentName = "v1";

    public const string ReferencePath = "/docs";

    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The period codes the API writes; it also reads 2024Q3 for a quarter.</summary>
    public const string PeriodPattern = "^[0-9]{4}(H[1-2]|K[1-4]|M(0[1-9]|1[0-2]))?$";

    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<OpenApiOptions>(DocumentName, options =>
        {
            options.AddDocumentTransformer(DescribeDocument);
            options.AddOperationTransformer(DescribeOperation);
            options.AddSchemaTransformer(DescribeSchema);
        });
        return builder;
    }

    public static IEndpointConventionBuilder MapApiDocs(this WebApplication app) =>
        app.MapScalarApiReference(ReferencePath, options =>
        {
            options.Title = "GrowthMonitor API";
            // A small API: every operation on one page, so a reader can search it with the browser.
            options.DefaultOpenAllTags = true;
            // Each of these would reach the internet: the fonts come from a CDN, telemetry reports use of the
            // request client, the AI chat and the SDK/deploy toolbar are hosted services.
            options.DefaultFonts = false;
            options.Telemetry = false;
            options.Agent = new ScalarAgentOptions { Disabled = true };
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.AddPreferredSecuritySchemes(ApiKeyScheme);
            // A fresh nonce per request lets the page's one inline script run under the Content-Security-Policy.
            options.WithNonce();
        });

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "GrowthMonitor API",
            Version = DocumentName,
            Description =
                "Growth targets of Danish municipalities and business alliances, judged against Statistics Denmark's figures " +
                "(\"Kilde: Danmarks Statistik\"). Periods are Statistics Denmark codes: 2024, 2024H1, 2024K3, 2024M07. Series and " +
                "annual reports come as JSON, as CSV and as XLSX (Danish spreadsheets); choose with `?format=` or the Accept header. " +
                "The CSV is Danish Excel's (`;`, decimal comma, UTF-8 with BOM, the dialect the upload of figures reads); " +
                "`?dialect=rfc4180` gives RFC 4180's comma/point CSV for programs. Every error is a ProblemDetails (application/problem+json). Endpoints that change " +
                $"state need an operator key (Security:Keys or Security:ApiKeys) in the {ApiKeys.HeaderName} header; so does reading when " +
                "Security:ProtectReads is on. A client over RateLimiting:PermitLimit requests per RateLimiting:Window gets 429 with Retry-After.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeys.HeaderName,
            Description = "An operator key from the Security:Keys or Security:ApiKeys setting. Without configured keys these endpoints answer 403.",
        };
        return Task.CompletedTask;
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<ApiKeyRequirement>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
        }

        if (metadata.OfType<OfferedFormats>().FirstOrDefault() is { } offered)
        {
            DescribeFormats(operation, offered.Formats);
        }

        return Task.CompletedTask;
    }

    /// <summary>The <c>format</c> values and the CSV's <c>dialect</c>s, and each format's media type on the 200 response (a file result alone says only octet-stream).</summary>
    private static void DescribeFormats(OpenApiOperation operation, IReadOnlyList<ResponseFormat> formats)
    {
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "format") is { } parameter)
        {
            parameter.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. formats.Select(f => (JsonNode)JsonValue.Create(f.Name))],
                Examples = [JsonValue.Create(ResponseFormat.Xlsx.Name)],
            };
        }

        if (formats.Contains(ResponseFormat.Csv) && operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "dialect") is { } dialect)
        {
            dialect.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. CsvDialect.All.Select(d => (JsonNode)JsonValue.Create(d.Name))],
                Default = JsonValue.Create(CsvDialect.Danish.Name),
            };
        }

        if (operation.Responses?.GetValueOrDefault("200") is not OpenApiResponse ok)
        {
            return;
        }

        ok.Content ??= new Dictionary<string, OpenApiMediaType>();
        ok.Content.Remove("application/octet-stream");
        foreach (var format in formats.Where(f => f != ResponseFormat.Json))
        {
            ok.Content[format.MediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = format == ResponseFormat.Xlsx ? "binary" : null },
            };
        }

        ok.Description = "The figures in the negotiated format; " + string.Join(", ", formats.Select(f => $"{f.Name} is {f.MediaType}")) + ".";
        if (formats.Any(f => f.IsDownload))
        {
            ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
            ok.Headers["Content-Disposition"] = new OpenApiHeader
            {
                Description = "Downloads (" + string.Join(", ", formats.Where(f => f.IsDownload).Select(f => f.Name)) + ") come as attachments with a file name.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create("attachment; filename=horsens-2025.xlsx"),
            };
        }
    }

    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(Period))
        {
            schema.Type = JsonSchemaType.String;
            schema.Pattern = PeriodPattern;
            schema.Examples = [JsonValue.Create("2024K3")];
        }
        else if (schema.Type is { } types && types.HasFlag(JsonSchemaType.String) && (types.HasFlag(JsonSchemaType.Number) || types.HasFlag(JsonSchemaType.Integer)))
        {
            // The web defaults read numbers from strings too, but the API only ever writes JSON numbers.
            schema.Type = types & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (schema.Examples is not { Count: > 0 } && Examples.TryGetValue(type, out var example))
        {
            schema.Examples = [example.DeepClone()];
        }

        return Task.CompletedTask;
    }

    private static readonly Dictionary<Type, JsonNode> Examples = new()
    {
        [typeof(SeriesPoint)] = JsonNode.Parse("""{ "area": "615", "period": "2024", "value": 41900 }""")!,
        [typeof(ProblemDetails)] = JsonNode.Parse("""
            { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Unknown indicator", "status": 404,
              "detail": "There is no indicator 'jobz'." }
            """)!,
    };
}
