using System.Net;
using System.Net.Sockets;
using ServerlessGov.Functions.Worker;
using ServerlessGov.Testing.Apps;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>
/// One program, two hosts: started with the worker's endpoint (as the Azure Functions host starts its isolated worker)
/// the app runs the real worker, opens its storage (a real Azurite) and dials that endpoint; started any other way it
/// runs the local runtime.
/// </summary>
public sealed class WorkerStartTests(AzuriteStorageFixture azurite) : IClassFixture<AzuriteStorageFixture>
{
    [Fact]
    public async Task Program_StartedWithTheHostsFunctionsUri_RunsTheIsolatedWorkerWhichDialsTheHost()
    {
        // A port that listens and is then closed: nothing answers there, so the worker's gRPC call to the host is refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var hostPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var root = Directory.CreateTempSubdirectory("serverlessgov-worker-").FullName;
        File.Copy(Path.Combine(RepositoryPaths.Root, "host.json"), Path.Combine(root, "host.json"));

        await using var process = AppProcess.Start(
            RepositoryPaths.Assembly("functions/ServerlessGov.Functions"), root,
            new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.Server.ConnectionStringWithBlobs },
            "--functions-uri", $"http://127.0.0.1:{hostPort}/", "--functions-worker-id", "worker-1", "--functions-request-id", "request-1",
            "--urls", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"the worker kept running without its host:\n{process.Output}");
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("GrpcWorkerClient", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Functions (", process.Output, StringComparison.Ordinal);
    }

    // Only the arguments are read here, nothing listens or dials: the addresses are placeholders (.invalid never resolves).
    [Theory]
    [InlineData(new[] { "--functions-uri", "http://functions-host.invalid/" }, null, true)]
    [InlineData(new[] { "--functions-uri=http://functions-host.invalid/" }, null, true)]
    [InlineData(new string[0], "http://functions-host.invalid/", true)]
    [InlineData(new[] { "--urls", "http://local-app.invalid" }, null, false)]
    [InlineData(new[] { "endpoints" }, null, false)]
    public void IsWorker_TheHostsEndpointInArgumentsOrEnvironment_DecidesTheHost(string[] args, string? endpointVariable, bool expected)
    {
        Assert.Equal(expected, FunctionsHostStart.IsWorker(args, name => name == "Functions__Worker__HostEndpoint" ? endpointVariable : null));
    }
}
