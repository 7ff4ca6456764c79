using Xunit.Abstractions;
using Xunit.Sdk;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

/// <summary>Runs a class's tests in the order of their names (T1_, T2_…), for tests that share one process in sequence.</summary>
public sealed class ByNameOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
        => testCases.OrderBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
