using System.Xml.Linq;
using GrowthMonitor.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace GrowthMonitor.Access;

/// <summary>
/// ASP.NET Core's data protection keys in PostgreSQL (<c>growthmonitor.data_protection_keys</c>), so that every instance
/// reads the antiforgery tokens the others issued, also after a restart. The interface is synchronous; it is called
/// when the key ring is loaded (at start and about daily), never per request.
/// </summary>
public sealed class DataProtectionKeys(ServiceDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var query = new NpgsqlCommand("SELECT xml FROM growthmonitor.data_protection_keys ORDER BY id", connection);
        using var reader = query.ExecuteReader();
        List<XElement> keys = [];
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var insert = new NpgsqlCommand("INSERT INTO growthmonitor.data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING", connection);
        insert.Parameters.AddWithValue("name", friendlyName);
        insert.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        insert.ExecuteNonQuery();
    }
}
