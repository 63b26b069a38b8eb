using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GrowthMonitor.Downloads;

/// <summary>How a cell is shown; every number stays a number, only its display differs.</summary>
public enum XlsxStyle : uint
{
    Text = 0,
    Bold = 1,
    Title = 2,

    /// <summary>Thousands separated, no decimals: Danish Excel shows 41.900.</summary>
    Integer = 3,

    /// <summary>One or two decimals: 12,5.</summary>
    Decimal = 4,

    /// <summary>A ratio shown as a whole percentage: 0.9 → 90 %.</summary>
    Percent = 5,

    /// <summary>A ratio shown as a percentage with one decimal: 0.0109 → 1,1 %.</summary>
    PercentOneDecimal = 6,

    /// <summary>Date and time in the reader's own short format.</summary>
    DateTime = 7,
}

/// <summary>One cell: text (shared string), number or date, each written with its own cell type.</summary>
public readonly record struct XlsxCell(string? Text, double? Number, XlsxStyle Style)
{
    public static XlsxCell Of(string? text) => new(text, null, XlsxStyle.Text);

    /// <summary>A figure: whole numbers with thousands separators, others with decimals.</summary>
    public static XlsxCell Of(double? number) =>
        new(null, number, number is { } n && Math.Abs(n % 1) > 1e-9 ? XlsxStyle.Decimal : XlsxStyle.Integer);

    public static XlsxCell Ratio(double? ratio) => new(null, ratio, XlsxStyle.Percent);

    /// <summary>A change given in percent (1.09 for 1.09 %), stored as the ratio Excel formats as a percentage.</summary>
    public static XlsxCell Percentage(double? percent) => new(null, percent / 100, XlsxStyle.PercentOneDecimal);

    /// <summary>A wall-clock time, stored as Excel's serial date number.</summary>
    public static XlsxCell Of(DateTime? time) => new(null, time?.ToOADate(), XlsxStyle.DateTime);

    public static XlsxCell Bold(string text) => new(text, null, XlsxStyle.Bold);

    public static implicit operator XlsxCell(string? text) => Of(text);
}

/// <summary>A worksheet being filled row by row from the top.</summary>
public sealed class XlsxSheet(string name, IReadOnlyList<double> columnWidths)
{
    public string Name { get; } = name;

    public IReadOnlyList<double> ColumnWidths { get; } = columnWidths;

    public List<IReadOnlyList<XlsxCell>> Rows { get; } = [];

    public XlsxSheet Row(params IReadOnlyList<XlsxCell> cells)
    {
        Rows.Add(cells);
        return this;
    }

    public XlsxSheet Title(string text) => Row(new XlsxCell(text, null, XlsxStyle.Title));

    public XlsxSheet Header(params IReadOnlyList<string> names) => Row([.. names.Select(XlsxCell.Bold)]);

    public XlsxSheet Blank() => Row();
}

/// <summary>
/// A small XLSX writer over the Open XML SDK for the service's spreadsheets: numbers as numeric cells with a display
/// format, text as shared strings (so a code such as 061 keeps its zero), dates as serial numbers.
/// </summary>
public sealed class XlsxWorkbook
{
    private readonly List<XlsxSheet> sheets = [];

    public XlsxSheet AddSheet(string name, params IReadOnlyList<double> columnWidths)
    {
        var sheet = new XlsxSheet(name, columnWidths);
        sheets.Add(sheet);
        return sheet;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var strings = new SharedStrings();
            var sheetList = workbook.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(Columns(sheet), Data(sheet, strings));
                sheetList.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = sheet.Name });
            }

            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = strings.Table;
        }

        return stream.ToArray();
    }

    private static Columns Columns(XlsxSheet sheet) => new(sheet.ColumnWidths.Select((width, i) => new Column
    {
        Min = (uint)i + 1,
        Max = (uint)i + 1,
        Width = width,
        CustomWidth = true,
    }));

    private static SheetData Data(XlsxSheet sheet, SharedStrings strings)
    {
        var data = new SheetData();
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var rowIndex = (uint)r + 1;
            var row = new Row { RowIndex = rowIndex };
            for (var c = 0; c < sheet.Rows[r].Count; c++)
            {
                if (Cell(sheet.Rows[r][c], strings) is { } cell)
                {
                    cell.CellReference = ColumnName(c) + rowIndex.ToString(CultureInfo.InvariantCulture);
                    row.Append(cell);
                }
            }

            data.Append(row);
        }

        return data;
    }

    /// <summary>An empty value leaves the cell out, so Excel shows a blank rather than a zero or an empty string.</summary>
    private static Cell? Cell(XlsxCell value, SharedStrings strings) => value switch
    {
        { Number: { } number } when double.IsFinite(number) => new Cell
        {
            CellValue = new CellValue(number),
            StyleIndex = (uint)value.Style,
        },
        { Text: { Length: > 0 } text } => new Cell
        {
            DataType = CellValues.SharedString,
            CellValue = new CellValue(strings.IndexOf(text)),
            StyleIndex = (uint)value.Style,
        },
        _ => null,
    };

    private static string ColumnName(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);

    /// <summary>The cell formats, in the order of <see cref="XlsxStyle"/>'s values.</summary>
    private static Stylesheet Styles()
    {
        const uint oneOrTwoDecimals = 164, percentOneDecimal = 165;
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = oneOrTwoDecimals, FormatCode = "#,##0.0#" },
                new NumberingFormat { NumberFormatId = percentOneDecimal, FormatCode = "0.0%" }),
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Calibri" })),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())),
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }),
            new CellFormats(
                Format(0, 0),                          // Text
                Format(0, 1),                          // Bold
                Format(0, 2),                          // Title
                Format(3, 0),                          // Integer: built-in #,##0
                Format(oneOrTwoDecimals, 0),           // Decimal
                Format(9, 0),                          // Percent: built-in 0%
                Format(percentOneDecimal, 0),          // PercentOneDecimal
                Format(22, 0)));                       // DateTime: built-in, shown in the reader's locale
    }

    private static CellFormat Format(uint numberFormat, uint font) => new()
    {
        NumberFormatId = numberFormat,
        FontId = font,
        FillId = 0,
        BorderId = 0,
        FormatId = 0,
        ApplyNumberFormat = numberFormat != 0,
        ApplyFont = font != 0,
    };

    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);

        public SharedStringTable Table { get; } = new();

        public int IndexOf(string text)
        {
            if (!indexes.TryGetValue(text, out var index))
            {
                index = indexes.Count;
                indexes[text] = index;
                Table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }

            return index;
        }
    }
}
