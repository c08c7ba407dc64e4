using ServerlessGov.Durable.History;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// The state this process last committed for recently active instances (status row with its ETag, and the current
/// execution's history), so the next episode can skip reading the partition. Safe because every commit is
/// conditional on the status row's ETag: if anyone else changed the instance since, the commit fails and the episode
/// reloads from storage. Least recently used entries go first once the entry or event budget is exceeded.
/// </summary>
internal sealed class InstanceCache(int maxInstances, int maxEvents)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _order = new();
    private long _events;

    /// <summary>Removes and returns the cached state of an instance: the caller owns it and puts back what it commits.</summary>
    public InstanceSnapshot? Take(string instanceId)
    {
        lock (_entries)
        {
            if (!_entries.Remove(instanceId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            _events -= node.Value.Snapshot.History.Count;
            return node.Value.Snapshot;
        }
    }

    /// <summary>Remembers what was just committed for an instance.</summary>
    public void Put(string instanceId, InstanceSnapshot snapshot)
    {
        if (snapshot.History.Count > maxEvents)
        {
            return;
        }

        lock (_entries)
        {
            if (_entries.Remove(instanceId, out var old))
            {
                _order.Remove(old);
                _events -= old.Value.Snapshot.History.Count;
            }

            _entries[instanceId] = _order.AddFirst(new Entry(instanceId, snapshot));
            _events += snapshot.History.Count;
            while (_entries.Count > maxInstances || _events > maxEvents)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _entries.Remove(last.Value.InstanceId);
                _events -= last.Value.Snapshot.History.Count;
            }
        }
    }

    /// <summary>Forgets an instance (its state changed outside an episode of this process).</summary>
    public void Remove(string instanceId) => Take(instanceId);

    private sealed record Entry(string InstanceId, InstanceSnapshot Snapshot);
}
