namespace ServerlessGov.Storage.Sqlite;

/// <summary>One end of a key range taken from a filter: the key and whether it is itself included.</summary>
internal readonly record struct KeyBound(string Key, bool Inclusive);
