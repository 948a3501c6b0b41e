using System.Runtime.InteropServices;

namespace GoldAnalytics.Data.Insights.Baskets;

/// <summary>A fixed-size block of basket counts: each count's slot and value.</summary>
internal sealed class BasketBlock(int[] slots, long[] counts)
{
    public static readonly BasketBlock Empty = new([], []);

    public int Entries => slots.Length;

    /// <summary>Adds the block's counts into sums indexed by slot.</summary>
    public void AddTo(long[] sums)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            sums[slots[i]] += counts[i];
        }
    }
}

/// <summary>
/// One dense slot per basket key seen under a filter, so summing blocks adds into an array instead of
/// looking keys up in a hash table (36 month blocks of ~60,000 pairs sum in a few milliseconds).
/// </summary>
internal sealed class PairSlots
{
    private readonly Dictionary<long, int> _slots = new(BasketKeyComparer.Instance) { [BasketKey.Baskets] = 0 };
    private long[] _keys = new long[1024];

    public int Count => _slots.Count;

    /// <summary>The key of each slot. Slots below <see cref="Count"/> never change, so a reader of an older array stays right.</summary>
    public long[] Keys => _keys;

    /// <summary>The counts as a block of slots, adding slots for keys not seen before.</summary>
    public BasketBlock Block(Dictionary<long, long> counts)
    {
        var slots = new int[counts.Count];
        var values = new long[counts.Count];
        var i = 0;
        foreach (var (key, count) in counts)
        {
            slots[i] = SlotOf(key);
            values[i++] = count;
        }

        // In slot order the sums are written front to back.
        Array.Sort(slots, values);
        return new BasketBlock(slots, values);
    }

    private int SlotOf(long key)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, key, out var seen);
        if (!seen)
        {
            slot = _slots.Count - 1;
            if (slot == _keys.Length)
            {
                // A new array, not a resize in place: sums handed out earlier keep reading the old one.
                var keys = new long[_keys.Length * 2];
                _keys.CopyTo(keys, 0);
                _keys = keys;
            }

            _keys[slot] = key;
        }

        return slot;
    }
}
