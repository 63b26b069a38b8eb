using GrowthMonitor.Presentation;
using Microsoft.AspNetCore.Components;

namespace GrowthMonitor.Reports;

// The parameters are declared here, in C#, because C# code names them (AnnualReportHtml.RenderAsync) and the folder
// graph of the architecture tests reads the C# source only.
public sealed partial class AnnualReportPage
{
    [Parameter, EditorRequired] public required AnnualReport Report { get; set; }

    /// <summary>The request's frame for a report served to a browser; a report saved as a file has none.</summary>
    [Parameter] public PageFrame Frame { get; set; } = PageFrame.Anonymous;
}
