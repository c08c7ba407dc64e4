namespace ServerlessGov.Storage.Tables;

/// <summary>How a write treats the properties the stored entity has and the new one lacks.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them: only the given properties are written.</summary>
    Merge,

    /// <summary>Drop them: the stored entity becomes exactly the given one.</summary>
    Replace,
}
