using System.Reflection;
using Nido.Jvm.Compiled;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jit;

/// <summary>The runtime members emitted code touches, looked up once.</summary>
internal static class Handles
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static readonly MethodInfo ThreadStack = typeof(JThread).GetProperty(nameof(JThread.Stack))!.GetMethod!;
    public static readonly FieldInfo ThreadFramePcs = typeof(JThread).GetField(nameof(JThread.FramePcs))!;
    public static readonly FieldInfo ThreadFrameMethodIds = typeof(JThread).GetField(nameof(JThread.FrameMethodIds))!;
    public static readonly FieldInfo ThreadDepth = typeof(JThread).GetField(nameof(JThread.Depth))!;
    public static readonly FieldInfo ThreadStackFloor = typeof(JThread).GetField("StackFloor", Any)!;

    public static readonly FieldInfo ObjectClass = typeof(JObject).GetField(nameof(JObject.Class))!;
    public static readonly MethodInfo ClassInstanceSlots = typeof(JClass).GetProperty(nameof(JClass.InstanceSlots))!.GetMethod!;
    public static readonly FieldInfo SlotP = typeof(Slot).GetField(nameof(Slot.P))!;
    public static readonly FieldInfo SlotR = typeof(Slot).GetField(nameof(Slot.R))!;
    public static readonly FieldInfo ClassState = typeof(JClass).GetField(nameof(JClass.State))!;
    public static readonly MethodInfo ClassVTable = typeof(JClass).GetProperty(nameof(JClass.VTable))!.GetMethod!;
    public static readonly FieldInfo CompiledK = typeof(CompiledMethod).GetField(nameof(CompiledMethod.K))!;

    public static readonly MethodInfo IntToFloat = typeof(BitConverter).GetMethod(nameof(BitConverter.Int32BitsToSingle))!;
    public static readonly MethodInfo FloatToInt = typeof(BitConverter).GetMethod(nameof(BitConverter.SingleToInt32Bits))!;
    public static readonly MethodInfo LongToDouble = typeof(BitConverter).GetMethod(nameof(BitConverter.Int64BitsToDouble))!;
    public static readonly MethodInfo MonitorExit = Of(typeof(Monitor), nameof(Monitor.Exit), typeof(object));
    public static readonly MethodInfo EnterMonitor = Of(typeof(Threads), nameof(Threads.EnterMonitor));
    public static readonly MethodInfo MemoryBarrier = typeof(Interlocked).GetMethod(nameof(Interlocked.MemoryBarrier), Type.EmptyTypes)!;
    public static readonly MethodInfo DoubleToLong = typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits))!;

    public static MethodInfo Support(string name) => Of(typeof(CompiledSupport), name);

    public static MethodInfo Of(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static) ?? throw new MissingMethodException(type.Name, name);

    /// <summary>The public static overload of <paramref name="name"/> taking <paramref name="parameters"/>.</summary>
    public static MethodInfo Of(Type type, string name, params Type[] parameters) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters) ?? throw new MissingMethodException(type.Name, name);

    private static readonly MethodInfo ElementOpen = Support(nameof(CompiledSupport.Element));
    public static MethodInfo Element(Type element) => ElementOpen.MakeGenericMethod(element);
}
