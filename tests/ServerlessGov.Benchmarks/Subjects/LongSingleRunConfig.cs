using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ServerlessGov.Benchmarks.Subjects;

/// <summary>One cold in-process run, allowed up to an hour (the in-process toolchain's default limit is too short for a million-record import).</summary>
internal sealed class LongSingleRunConfig : ManualConfig
{
    public LongSingleRunConfig()
    {
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true))
            .WithStrategy(RunStrategy.ColdStart)
            .WithLaunchCount(1)
            .WithWarmupCount(0)
            .WithIterationCount(1)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
    }
}
