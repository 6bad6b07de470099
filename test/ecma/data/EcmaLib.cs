// Test input for the ECMA reader tests: types, enums, attributes and members
// that EcmaApp.dll references across assemblies. Rebuild with build.sh:
// mcs -target:library -unsafe -debug- -out:EcmaLib.dll EcmaLib.cs
// (build.sh first builds it once with -d:WITHOUT_RELOCATED for EcmaApp)
using System;

namespace Ecma.Lib
{
    public enum Color : short { Red = 1, Green = 2, Blue = 300 }

    public enum Big : long { Huge = 0x100000000 }

    [Flags]
    public enum Access : byte { Read = 1, Write = 2 }

    [AttributeUsage(AttributeTargets.All, AllowMultiple = true)]
    public class InfoAttribute : Attribute
    {
        public InfoAttribute() { }
        public InfoAttribute(bool b, char c, sbyte i1, byte u1, short i2, ushort u2, int i4, uint u4,
            long i8, ulong u8, float r4, double r8, string s) { }
        public InfoAttribute(Type type, Color color, object boxed, int[] ints, string[] strings, Color[] colors) { }
        public InfoAttribute(Big big, Access access, string nothing) { }

        public string Name;
        public Color Tint;
        public object Anything;
        public Type Kind;
        public int Number { get; set; }
        public Color[] Palette { get; set; }
    }

    public class Widget
    {
        public int Value;
        public static int Count;

        public int Overload(int x) { return 1; }
        public int Overload(long x) { return 2; }
        public int Overload(string x) { return 3; }
        public int Overload(Widget x) { return 4; }
        public int Overload(ref int x) { return 5; }
        public int Overload(int[] x) { return 6; }
        public int Overload(int[,] x) { return 7; }
        public int Overload<T>(T x) { return 8; }
        public int Overload(Box<int> x) { return 9; }
        public unsafe int Overload(int* x) { return 10; }

        public static int Sum(int first, __arglist)
        {
            var it = new ArgIterator(__arglist);
            return first + it.GetRemainingCount();
        }

        public class Inner
        {
            public int Get() { return 1; }

            public class Deeper
            {
                public static int Depth() { return 3; }
            }
        }
    }

    public class DerivedWidget : Widget
    {
    }

    public class Box<T>
    {
        public T Item;
        public T Get() { return Item; }
        public U Convert<U>(U value) { return value; }
        public static Box<T> Make(T item) { var b = new Box<T>(); b.Item = item; return b; }
    }
}

#if !WITHOUT_RELOCATED
// Moved here from EcmaFacade, which now forwards to it.
namespace Ecma.Moved
{
    public class Relocated
    {
        public int Where() { return 42; }
    }
}
#endif

namespace System.Runtime.CompilerServices
{
    // Marker attributes that tools/patch-implflags.mjs turns into MethodImpl flags.
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class RuntimeAsyncMethodAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class InlineAggressivelyAttribute : Attribute { }
}
