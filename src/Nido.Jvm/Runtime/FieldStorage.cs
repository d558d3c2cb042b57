using System.Runtime.CompilerServices;

namespace Nido.Jvm.Runtime;

/// <summary>
/// Fixed-size field storage for <see cref="JObject{TStorage}"/>: an object's slots live inside the object itself (one
/// allocation, no array header or bounds to load). Sizes step by a quarter above 16 slots, so at most a fifth is
/// unused; an instance's fields are its class's <see cref="JClass.InstanceSlots"/>.
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
            0 => new JObject<S1>(c),
            1 => new JObject<S2>(c),
            2 => new JObject<S3>(c),
            3 => new JObject<S4>(c),
            4 => new JObject<S5>(c),
            5 => new JObject<S6>(c),
            6 => new JObject<S7>(c),
            7 => new JObject<S8>(c),
            8 => new JObject<S9>(c),
            9 => new JObject<S10>(c),
            10 => new JObject<S11>(c),
            11 => new JObject<S12>(c),
            12 => new JObject<S13>(c),
            13 => new JObject<S14>(c),
            14 => new JObject<S15>(c),
            15 => new JObject<S16>(c),
            _ => NewLarger(c, bucket),
        };
    }

    // Precompiled (ReadyToRun) code loads every type a method allocates before the method first runs, and building
    // the type of a large storage struct sorts its thousands of reference series: one switch over all sizes cost the
    // host ~10 ms at the first `new`. So each larger size is allocated by a method of its own, its types loaded
    // only when a class of that size is.
    private static JObject NewLarger(JClass c, int bucket) => bucket switch
    {
        16 => New20(c),
        17 => New25(c),
        18 => New31(c),
        19 => New38(c),
        20 => New47(c),
        21 => New58(c),
        22 => New72(c),
        23 => New90(c),
        24 => New112(c),
        25 => New140(c),
        26 => New175(c),
        27 => New218(c),
        28 => New272(c),
        29 => New340(c),
        30 => New425(c),
        31 => New531(c),
        32 => New663(c),
        33 => New828(c),
        34 => New1035(c),
        35 => New1293(c),
        36 => New1616(c),
        37 => New2020(c),
        38 => New2525(c),
        39 => New3156(c),
        40 => New3945(c),
        41 => New4931(c),
        42 => New6163(c),
        43 => New7703(c),
        44 => New9628(c),
        45 => New12035(c),
        46 => New15043(c),
        47 => New18803(c),
        48 => New23503(c),
        49 => New29378(c),
        50 => New32768(c),
        _ => throw new InvalidOperationException($"no storage bucket {bucket}"),
    };

    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New20(JClass c) => new JObject<S20>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New25(JClass c) => new JObject<S25>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New31(JClass c) => new JObject<S31>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New38(JClass c) => new JObject<S38>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New47(JClass c) => new JObject<S47>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New58(JClass c) => new JObject<S58>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New72(JClass c) => new JObject<S72>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New90(JClass c) => new JObject<S90>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New112(JClass c) => new JObject<S112>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New140(JClass c) => new JObject<S140>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New175(JClass c) => new JObject<S175>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New218(JClass c) => new JObject<S218>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New272(JClass c) => new JObject<S272>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New340(JClass c) => new JObject<S340>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New425(JClass c) => new JObject<S425>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New531(JClass c) => new JObject<S531>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New663(JClass c) => new JObject<S663>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New828(JClass c) => new JObject<S828>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New1035(JClass c) => new JObject<S1035>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New1293(JClass c) => new JObject<S1293>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New1616(JClass c) => new JObject<S1616>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New2020(JClass c) => new JObject<S2020>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New2525(JClass c) => new JObject<S2525>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New3156(JClass c) => new JObject<S3156>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New3945(JClass c) => new JObject<S3945>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New4931(JClass c) => new JObject<S4931>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New6163(JClass c) => new JObject<S6163>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New7703(JClass c) => new JObject<S7703>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New9628(JClass c) => new JObject<S9628>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New12035(JClass c) => new JObject<S12035>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New15043(JClass c) => new JObject<S15043>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New18803(JClass c) => new JObject<S18803>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New23503(JClass c) => new JObject<S23503>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New29378(JClass c) => new JObject<S29378>(c);
    [MethodImpl(MethodImplOptions.NoInlining)] private static JObject New32768(JClass c) => new JObject<S32768>(c);


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
