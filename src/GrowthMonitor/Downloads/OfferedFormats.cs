namespace GrowthMonitor.Downloads;

/// <summary>Endpoint metadata: the formats an endpoint negotiates, which the API reference lists with their media types.</summary>
public sealed record OfferedFormats(IReadOnlyList<ResponseFormat> Formats);

public static class OfferedFormatsExtensions
{
    public static TBuilder OffersFormats<TBuilder>(this TBuilder builder, IReadOnlyList<ResponseFormat> formats)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new OfferedFormats(formats));
}
