namespace DigitalTwin.AspNetCore.Tests.Samples;

/// <summary>A test that compares the Native AOT build of the Kestrel sample with its JIT build; skipped without the native build.</summary>
public sealed class NativeKestrelFactAttribute : FactAttribute
{
    public NativeKestrelFactAttribute()
    {
        if (SampleProcess.NativeExecutable is null)
        {
            Skip = $"No Native AOT build to compare: set {SampleProcess.NativeVariable} to the published binary (.ci/native-aot.sh does).";
        }
    }
}
