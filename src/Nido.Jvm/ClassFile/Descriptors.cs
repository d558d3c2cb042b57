namespace Nido.Jvm.ClassFile;

/// <summary>Field and method descriptors (JVMS 4.3): validation and walking parameter types.</summary>
public static class Descriptors
{
    public static bool IsFieldDescriptor(string d) => FieldEnd(d, 0) == d.Length;

    public static bool IsMethodDescriptor(string d)
    {
        if (d.Length < 3 || d[0] != '(') return false;
        var i = 1;
        while (i < d.Length && d[i] != ')')
        {
            i = FieldEnd(d, i);
            if (i < 0) return false;
        }
        if (i >= d.Length) return false;
        i++;
        return (i == d.Length - 1 && d[i] == 'V') || FieldEnd(d, i) == d.Length;
    }

    /// <summary>Index after the field type starting at <paramref name="i"/>, or -1 when malformed.</summary>
    public static int FieldEnd(string d, int i)
    {
        var dims = 0;
        while (i < d.Length && d[i] == '[') { i++; dims++; }
        if (dims > 255 || i >= d.Length) return -1;
        switch (d[i])
        {
            case 'B' or 'C' or 'D' or 'F' or 'I' or 'J' or 'S' or 'Z': return i + 1;
            case 'L':
                var semi = d.IndexOf(';', i);
                if (semi <= i + 1) return -1;
                for (var k = i + 1; k < semi; k++) if (d[k] is '.' or '[') return -1;
                return semi + 1;
            default: return -1;
        }
    }

    /// <summary>The parameter type descriptors of a method descriptor, in order.</summary>
    public static List<string> Parameters(string methodDescriptor)
    {
        var result = new List<string>();
        var i = 1;
        while (methodDescriptor[i] != ')')
        {
            var end = FieldEnd(methodDescriptor, i);
            result.Add(methodDescriptor[i..end]);
            i = end;
        }
        return result;
    }

    public static string Return(string methodDescriptor) => methodDescriptor[(methodDescriptor.IndexOf(')') + 1)..];

    /// <summary>JVM slots the arguments take (long and double take two), without the receiver.</summary>
    public static int ArgumentSlots(string methodDescriptor)
    {
        // Walked in place: every method of every loaded class asks, and a list of substrings each time was a tenth
        // of what booting the class library allocated.
        var slots = 0;
        for (var i = 1; methodDescriptor[i] != ')'; i = FieldEnd(methodDescriptor, i))
            slots += methodDescriptor[i] is 'J' or 'D' ? 2 : 1;
        return slots;
    }
}
