using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GrowthMonitor.IntegrationTests.Downloads;

/// <summary>
/// Reads a workbook back as Excel would see its cells: a shared or inline string is text, a cell without a type is a
/// number. Each sheet is its rows of cells by column letter; a date comes back as its serial number.
/// </summary>
public static class XlsxReader
{
    public static Dictionary<string, List<Dictionary<string, object>>> Read(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), isEditable: false);
        var part = document.WorkbookPart!;
        var strings = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        return part.Workbook.Sheets!.Elements<Sheet>().ToDictionary(
            sheet => sheet.Name!.Value!,
            sheet => ((WorksheetPart)part.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>()
                .Select(row => row.Elements<Cell>().ToDictionary(Column, cell => Value(cell, strings)))
                .ToList());
    }

    /// <summary>The first row whose column A holds <paramref name="text"/>.</summary>
    public static Dictionary<string, object> RowStartingWith(this List<Dictionary<string, object>> rows, string text) =>
        rows.First(r => r.TryGetValue("A", out var first) && Equals(first, text));

    private static string Column(Cell cell) => new([.. cell.CellReference!.Value!.TakeWhile(char.IsLetter)]);

    private static object Value(Cell cell, List<string> strings)
    {
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return strings[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)];
        }

        if (cell.DataType?.Value == CellValues.InlineString || cell.DataType?.Value == CellValues.String)
        {
            return cell.InnerText;
        }

        Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"Cell {cell.CellReference} has type {cell.DataType?.Value}.");
        return double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
    }
}
