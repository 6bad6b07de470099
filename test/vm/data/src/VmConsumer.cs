// Inputs for test/vm that the fixture assemblies do not cover: references to
// a missing assembly (Ghost.dll is built but not kept), and a few layouts.
using System.Runtime.InteropServices;

namespace VmTests
{
    public static class UsesGhost
    {
        public static int Fine(int x)
        {
            return x + 1;
        }

        public static int Touch(Ghost.Thing thing)
        {
            return thing.Value;
        }

        public static object Make()
        {
            return new Ghost.Thing();
        }
    }

    public class DerivesFromGhost : Ghost.Thing
    {
        public int Extra;
    }

    public struct IntLong
    {
        public int A;
        public long B;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 2)]
    public struct PackTwo
    {
        public byte A;
        public long B;
        public byte C;
    }

    [StructLayout(LayoutKind.Explicit)]
    public class ExplicitClass
    {
        [FieldOffset(0)] public int A;
        [FieldOffset(4)] public object B;
    }

    [StructLayout(LayoutKind.Explicit)]
    public struct Overlap
    {
        [FieldOffset(0)] public long L;
        [FieldOffset(4)] public int I;
    }
}
