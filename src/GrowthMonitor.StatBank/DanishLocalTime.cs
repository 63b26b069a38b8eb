using System.Text.Json;
using System.Text.Json.Serialization;

namespace GrowthMonitor.StatBank;

/// <summary>Statistics Denmark writes timestamps as Danish wall-clock time without an offset.</summary>
internal static class DanishLocalTime
{
    public static TimeZoneInfo Zone { get; } = FindZone();

    public static DateTimeOffset ToDateTimeOffset(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(local));

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Slim containers may lack tzdata; the EU rule has been Denmark's since 1996, long before any
            // table's "updated" date.
            return EuropeanUnionRule();
        }
    }

    internal static TimeZoneInfo EuropeanUnionRule()
    {
        var summer = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            DateTime.MinValue.Date,
            DateTime.MaxValue.Date,
            TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday));
        return TimeZoneInfo.CreateCustomTimeZone("CET/CEST", TimeSpan.FromHours(1), "Central European Time", "CET", "CEST", [summer]);
    }
}

/// <summary>Reads <c>"2025-03-25T08:00:00"</c> as Copenhagen time; a value that carries an offset keeps it.</summary>
internal sealed class DanishLocalTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetDateTime();
        return value.Kind == DateTimeKind.Unspecified
            ? DanishLocalTime.ToDateTimeOffset(value)
            : reader.GetDateTimeOffset();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(TimeZoneInfo.ConvertTime(value, DanishLocalTime.Zone).DateTime);
}
