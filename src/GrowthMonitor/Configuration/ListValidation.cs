using System.ComponentModel.DataAnnotations;

namespace GrowthMonitor.Configuration;

public static class ListValidation
{
    /// <summary>One result per item of a list setting that is not valid, each naming its key (<c>Name:2</c>).</summary>
    public static IEnumerable<ValidationResult> Invalid(IEnumerable<string> items, string name, Func<string, bool> isValid, string message) =>
        items.Select((item, index) => (item, index))
            .Where(i => !isValid(i.item))
            .Select(i => new ValidationResult(message, [$"{name}:{i.index}"]));
}
