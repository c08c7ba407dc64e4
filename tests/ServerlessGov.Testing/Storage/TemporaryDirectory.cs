namespace ServerlessGov.Testing.Storage;

/// <summary>A fresh directory under the system temp folder for a test's database files, deleted with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "serverlessgov-tests", Guid.NewGuid().ToString("N"));
    }

    /// <summary>The directory; it is created by whoever first writes into it.</summary>
    public string Root { get; }

    /// <summary>A path inside the directory.</summary>
    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
