namespace GrowthMonitor.Http;

/// <summary>
/// A problem with one field of what was entered (a figure, a note), as the API and a page's form check it alike: in
/// English for the API's ProblemDetails, and in Danish beside the form's field.
/// </summary>
public sealed record FieldProblem(string Field, string English, string Danish);
