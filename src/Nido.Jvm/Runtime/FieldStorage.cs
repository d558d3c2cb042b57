using System.Runtime.CompilerServices;

namespace Nido.Jvm.Runtime;

/// <summary>
/// Fixed-size field storage for <see cref="JObject{TStorage}"/>: an object's slots live inside the object itself (one
/// allocation, no array header or bounds to load). Sizes step by a quarter above 16 slots, so at most a fifth is
/// unused; an instance's <see cref="JObject.FieldCount"/> is its class's exact count.
/// </summary>
/// (The storage structs are generated: one per size in <see cref="Sizes"/>.)
internal static class FieldStorage
{
    /// <summary>The most instance slots a class may have (its own and inherited fields).</summary>
    public const int MaxSlots = 32768;

    private static readonly int[] Sizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 25, 31, 38, 47, 58, 72, 90, 112, 140, 175, 218, 272, 340, 425, 531, 663, 828, 1035, 1293, 1616, 2020, 2525, 3156, 3945, 4931, 6163, 7703, 9628, 12035, 15043, 18803, 23503, 29378, 32768];

    private static readonly Type[] Small = [typeof(S1), typeof(S2), typeof(S3), typeof(S4), typeof(S5), typeof(S6), typeof(S7),
        typeof(S8), typeof(S9), typeof(S10), typeof(S11), typeof(S12), typeof(S13), typeof(S14), typeof(S15), typeof(S16)];

    /// <summary>The storage struct of a class with 1 to 16 instance slots (for compiled allocation), else null.</summary>
    public static Type? SmallStorage(int slots) => slots is >= 1 and <= 16 ? Small[slots - 1] : null;

    private static int Bucket(int slots)
    {
        if (slots > MaxSlots) throw new ArgumentOutOfRangeException(nameof(slots), slots, $"more than {MaxSlots} instance field slots");
        // The first size that holds them. Searched by hand: Array.BinarySearch<int> has no precompiled code in the
        // CoreCLR host, and its JIT compile cost every start ~0.3 ms.
        var i = 0;
        while (Sizes[i] < slots) i++;
        return i;
    }

    /// <summary>A new object of <paramref name="c"/>, its slots zeroed.</summary>
    public static JObject New(JClass c)
    {
        var slots = c.InstanceSlots;
        if (slots == 0) return new JObject(c);
        var bucket = c.StorageBucket;
        if (bucket < 0) c.StorageBucket = bucket = Bucket(slots);
        return bucket switch
        {
            0 => new JObject<S1>(c, slots),
            1 => new JObject<S2>(c, slots),
            2 => new JObject<S3>(c, slots),
            3 => new JObject<S4>(c, slots),
            4 => new JObject<S5>(c, slots),
            5 => new JObject<S6>(c, slots),
            6 => new JObject<S7>(c, slots),
            7 => new JObject<S8>(c, slots),
            8 => new JObject<S9>(c, slots),
            9 => new JObject<S10>(c, slots),
            10 => new JObject<S11>(c, slots),
            11 => new JObject<S12>(c, slots),
            12 => new JObject<S13>(c, slots),
            13 => new JObject<S14>(c, slots),
            14 => new JObject<S15>(c, slots),
            15 => new JObject<S16>(c, slots),
            _ => NewLarger(c, slots, bucket),
        };
    }

    // Precompiled (ReadyToRun) code loads every type a method allocates before the method first runs, and building
    // the type of a large storage struct sorts its thousands of reference series: one switch over all sizes cost the
    // host ~10 ms at the first `new`. So each larger size is allocated by a method of its own, its types loaded
    // only when a class of that size is.
    private static JObject NewLarger(JClass c, int slots, int bucket) => bucket switch
    {
        16 => New20(c, slots),
        17 => New25(c, slots),
        18 => New31(c, slots),
        19 => New38(c, slots),
        20 => New47(c, slots),
        21 => New58(c, slots),
        22 => New72(c, slots),
        23 => New90(c, slots),
        24 => New112(c, slots),
        25 => New140(c, slots),
        26 => New175(c, slots),
        27 => New218(c, slots),
        28 => New272(c, slots),
        29 => New340(c, slots),
        30 => New425(c, slots),
        31 => New531(c, slots),
        32 => New663(c, slots),
        33 => New828(c, slots),
        34 => New1035(c, slots),
        35 => New1293(c, slots),
        36 => New1616(c, slots),
        37 => New2020(c, slots),
        38 => New2525(c, slots),
        39 => New3156(c, slots),
        40 => New3945(c, slots),
        41 => New4931(c, slots),
        42 => New6163(c, slots),
        43 => New7703(c, slots),
        44 => New9628(c, slots),
        45 => New12035(c, slots),
        46 => New15043(c, slots),
        47 => New18803(c, slots),
        48 => New23503(c, slots),
        49 => New29378(c, slots),
        50 => New32768(c, slots),
        _ => throw new InvalidOperationException($"no storage bucket {bucket}"),
    };

    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New20(JClass c, int slots) => new JObject<S20>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New25(JClass c, int slots) => new JObject<S25>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New31(JClass c, int slots) => new JObject<S31>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New38(JClass c, int slots) => new JObject<S38>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New47(JClass c, int slots) => new JObject<S47>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New58(JClass c, int slots) => new JObject<S58>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New72(JClass c, int slots) => new JObject<S72>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New90(JClass c, int slots) => new JObject<S90>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New112(JClass c, int slots) => new JObject<S112>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New140(JClass c, int slots) => new JObject<S140>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New175(JClass c, int slots) => new JObject<S175>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New218(JClass c, int slots) => new JObject<S218>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New272(JClass c, int slots) => new JObject<S272>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New340(JClass c, int slots) => new JObject<S340>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New425(JClass c, int slots) => new JObject<S425>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New531(JClass c, int slots) => new JObject<S531>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New663(JClass c, int slots) => new JObject<S663>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New828(JClass c, int slots) => new JObject<S828>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New1035(JClass c, int slots) => new JObject<S1035>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New1293(JClass c, int slots) => new JObject<S1293>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New1616(JClass c, int slots) => new JObject<S1616>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New2020(JClass c, int slots) => new JObject<S2020>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New2525(JClass c, int slots) => new JObject<S2525>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New3156(JClass c, int slots) => new JObject<S3156>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New3945(JClass c, int slots) => new JObject<S3945>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New4931(JClass c, int slots) => new JObject<S4931>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New6163(JClass c, int slots) => new JObject<S6163>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New7703(JClass c, int slots) => new JObject<S7703>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New9628(JClass c, int slots) => new JObject<S9628>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New12035(JClass c, int slots) => new JObject<S12035>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New15043(JClass c, int slots) => new JObject<S15043>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New18803(JClass c, int slots) => new JObject<S18803>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New23503(JClass c, int slots) => new JObject<S23503>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New29378(JClass c, int slots) => new JObject<S29378>(c, slots);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New32768(JClass c, int slots) => new JObject<S32768>(c, slots);


    [InlineArray(1)] internal struct S1 { private Slot _0; }
    [InlineArray(2)] internal struct S2 { private Slot _0; }
    [InlineArray(3)] internal struct S3 { private Slot _0; }
    [InlineArray(4)] internal struct S4 { private Slot _0; }
    [InlineArray(5)] internal struct S5 { private Slot _0; }
    [InlineArray(6)] internal struct S6 { private Slot _0; }
    [InlineArray(7)] internal struct S7 { private Slot _0; }
    [InlineArray(8)] internal struct S8 { private Slot _0; }
    [InlineArray(9)] internal struct S9 { private Slot _0; }
    [InlineArray(10)] internal struct S10 { private Slot _0; }
    [InlineArray(11)] internal struct S11 { private Slot _0; }
    [InlineArray(12)] internal struct S12 { private Slot _0; }
    [InlineArray(13)] internal struct S13 { private Slot _0; }
    [InlineArray(14)] internal struct S14 { private Slot _0; }
    [InlineArray(15)] internal struct S15 { private Slot _0; }
    [InlineArray(16)] internal struct S16 { private Slot _0; }
    [InlineArray(20)] internal struct S20 { private Slot _0; }
    [InlineArray(25)] internal struct S25 { private Slot _0; }
    [InlineArray(31)] internal struct S31 { private Slot _0; }
    [InlineArray(38)] internal struct S38 { private Slot _0; }
    [InlineArray(47)] internal struct S47 { private Slot _0; }
    [InlineArray(58)] internal struct S58 { private Slot _0; }
    [InlineArray(72)] internal struct S72 { private Slot _0; }
    [InlineArray(90)] internal struct S90 { private Slot _0; }
    [InlineArray(112)] internal struct S112 { private Slot _0; }
    [InlineArray(140)] internal struct S140 { private Slot _0; }
    [InlineArray(175)] internal struct S175 { private Slot _0; }
    [InlineArray(218)] internal struct S218 { private Slot _0; }
    [InlineArray(272)] internal struct S272 { private Slot _0; }
    [InlineArray(340)] internal struct S340 { private Slot _0; }
    [InlineArray(425)] internal struct S425 { private Slot _0; }
    [InlineArray(531)] internal struct S531 { private Slot _0; }
    [InlineArray(663)] internal struct S663 { private Slot _0; }
    [InlineArray(828)] internal struct S828 { private Slot _0; }
    [InlineArray(1035)] internal struct S1035 { private Slot _0; }
    [InlineArray(1293)] internal struct S1293 { private Slot _0; }
    [InlineArray(1616)] internal struct S1616 { private Slot _0; }
    [InlineArray(2020)] internal struct S2020 { private Slot _0; }
    [InlineArray(2525)] internal struct S2525 { private Slot _0; }
    [InlineArray(3156)] internal struct S3156 { private Slot _0; }
    [InlineArray(3945)] internal struct S3945 { private Slot _0; }
    [InlineArray(4931)] internal struct S4931 { private Slot _0; }
    [InlineArray(6163)] internal struct S6163 { private Slot _0; }
    [InlineArray(7703)] internal struct S7703 { private Slot _0; }
    [InlineArray(9628)] internal struct S9628 { private Slot _0; }
    [InlineArray(12035)] internal struct S12035 { private Slot _0; }
    [InlineArray(15043)] internal struct S15043 { private Slot _0; }
    [InlineArray(18803)] internal struct S18803 { private Slot _0; }
    [InlineArray(23503)] internal struct S23503 { private Slot _0; }
    [InlineArray(29378)] internal struct S29378 { private Slot _0; }
    [InlineArray(32768)] internal struct S32768 { private Slot _0; }
}
