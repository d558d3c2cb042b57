using Nido.Jvm.Runtime;

namespace Nido.Jvm;

/// <summary>A linked invokedynamic call site: pops its arguments from the operand stack at sp, pushes its result, returns the new sp.</summary>
internal delegate int CallSiteTarget(JThread t, Slot[] s, int sp);
